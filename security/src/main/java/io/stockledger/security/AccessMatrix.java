package io.stockledger.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which roles may call which endpoints of one side: the first entry that matches a request decides. A request that
 * no entry matches is for {@link Role#ADMIN} only, so an endpoint added without an entry is closed, not open.
 */
public final class AccessMatrix {

    /** One row of the matrix: requests with this method and path pattern may be made by any of these roles. */
    public record Entry(HttpMethod method, String pattern, Set<Role> roles, RequestMatcher matcher) {

        public Entry {
            roles = Set.copyOf(roles);
        }

        public String[] roleIds() {
            return roles.stream().map(Role::id).sorted().toArray(String[]::new);
        }
    }

    private final List<Entry> entries;

    private AccessMatrix(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry that decides who may make this request, if any entry matches it. */
    public Optional<Entry> entryFor(HttpServletRequest request) {
        return entries.stream()
                .filter(entry -> entry.matcher().matches(request))
                .findFirst();
    }

    public static final class Builder {

        private final List<Entry> entries = new ArrayList<>();

        public Builder allow(HttpMethod method, String pattern, Role role, Role... more) {
            Set<Role> roles = EnumSet.of(role, more);
            entries.add(new Entry(
                    method,
                    pattern,
                    roles,
                    PathPatternRequestMatcher.withDefaults().matcher(method, pattern)));
            return this;
        }

        public AccessMatrix build() {
            return new AccessMatrix(entries);
        }
    }
}
