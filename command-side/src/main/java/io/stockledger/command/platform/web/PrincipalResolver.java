package io.stockledger.command.platform.web;

import io.stockledger.api.common.Principal;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is acting on a request: the authenticated API client (HTTP Basic) or the subject of the bearer token, never
 * anything the request body says. Every command the API sends carries it, so it is on every event.
 */
@Component
public class PrincipalResolver {

    public Principal current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            // unreachable through the API: the security filter chain answers 401 before any controller runs
            throw new IllegalStateException("no authenticated principal on this request");
        }
        return Principal.of(authentication.getName());
    }
}
