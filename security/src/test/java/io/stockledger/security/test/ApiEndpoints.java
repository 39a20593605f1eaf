package io.stockledger.security.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every method and path pattern Spring MVC maps under {@code /api/}: what the role matrix and the fuzzer cover. */
public final class ApiEndpoints {

    /** One mapped method and path pattern. */
    public record Endpoint(HttpMethod method, String pattern) {

        /** A concrete path of the pattern, every path variable a harmless value. */
        public String path() {
            return pattern.replaceAll("\\{[^}]+}", "x1");
        }

        /** How many path variables the pattern has. */
        public int variables() {
            return pattern.split("\\{", -1).length - 1;
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private ApiEndpoints() {}

    public static List<Endpoint> of(RequestMappingHandlerMapping mappings) {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                (methods.isEmpty() ? Arrays.stream(RequestMethod.values()).toList() : List.copyOf(methods))
                        .forEach(method -> endpoints.add(new Endpoint(method.asHttpMethod(), pattern)));
            }
        });
        return endpoints;
    }
}
