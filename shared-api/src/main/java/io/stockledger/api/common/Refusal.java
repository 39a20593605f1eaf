package io.stockledger.api.common;

import java.util.Objects;

/**
 * Why a command was refused, as carried in the details of a {@code CommandExecutionException} so that it
 * crosses process boundaries (Axon Server) intact. {@code code} is stable and names the problem type of the
 * REST answer; {@code detail} is for people.
 */
public record Refusal(String code, String detail) {

    public Refusal {
        Objects.requireNonNull(code, "code is required");
        Objects.requireNonNull(detail, "detail is required");
    }
}
