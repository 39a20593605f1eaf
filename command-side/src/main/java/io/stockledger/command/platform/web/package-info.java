/**
 * The HTTP edge shared by every feature: problem details (built in {@link Problems} only), the correlation id of
 * each request, the request body limit, strict JSON, the acting principal and the OpenAPI description.
 */
package io.stockledger.command.platform.web;
