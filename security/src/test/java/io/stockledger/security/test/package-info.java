/**
 * The test kit both sides' tests share (the security module's test-jar): default test credentials, the role matrix
 * contract over every mapped endpoint, request fuzzing and the checked-in OpenAPI contract.
 */
package io.stockledger.security.test;
