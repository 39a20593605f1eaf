/**
 * The test kit both sides' tests share (the security module's test-jar): default test credentials, the role matrix
 * contract over every mapped endpoint, request fuzzing, the checked-in OpenAPI contract and the listening sockets.
 */
package io.stockledger.security.test;
