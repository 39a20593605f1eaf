/**
 * Who may call either side's HTTP API: API clients or OAuth2 JWTs, their roles, and the 401/403 problems; and the
 * sides' H2 store kept to them: its server on loopback, its password, closed last.
 */
package io.stockledger.security;
