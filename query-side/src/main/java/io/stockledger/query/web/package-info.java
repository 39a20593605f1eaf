/**
 * The HTTP edge shared by every feature: problem details for every error, request parameters checked into the
 * contract's value types, correlation ids, and the OpenAPI description.
 */
package io.stockledger.query.web;
