package io.stockledger.command.platform.web;

import io.stockledger.api.common.Principal;
import org.springframework.stereotype.Component;

/**
 * Who is acting on a request; never taken from the request body. There is no authentication yet, so everyone is
 * {@code anonymous}: the change that adds authentication replaces this class.
 */
@Component
public class PrincipalResolver {

    private static final Principal ANONYMOUS = Principal.of("anonymous");

    public Principal current() {
        return ANONYMOUS;
    }
}
