/** Who may call either side's HTTP API: API clients or OAuth2 JWTs, their roles, and the 401/403 problems. */
package io.stockledger.security;
