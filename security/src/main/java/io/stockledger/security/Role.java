package io.stockledger.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a caller may do; every endpoint of both sides names the roles that may call it (see docs/security.md). */
public enum Role {
    /** Posts movements; reserves, releases, fulfils and extends reservations. */
    WRITER,
    /** Reads availability per channel and subscribes to its changes. */
    CHANNEL,
    /** Reads the audit history, traces, the hash chain and its verification; exports. */
    AUDITOR,
    /** Reads period reports, closes periods, runs reconciliations. */
    FINANCE,
    /** Sets channel policies and quotas, handles dead letters, administers projections. */
    ADMIN;

    /** The role's name in configuration, tokens and the API: lower case ({@code writer}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority that stands for this role. */
    public String authority() {
        return "ROLE_" + id();
    }

    public static Optional<Role> of(String id) {
        return Arrays.stream(values())
                .filter(role -> role.id().equals(id.strip()))
                .findFirst();
    }
}
