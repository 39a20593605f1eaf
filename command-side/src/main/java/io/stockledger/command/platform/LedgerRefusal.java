package io.stockledger.command.platform;

/**
 * A command refused by a ledger rule. Aggregates throw subclasses of it before applying anything;
 * {@link RefusalTranslation} turns them into {@code CommandExecutionException}s that carry a
 * {@link io.stockledger.api.common.Refusal}, the form that crosses Axon Server intact.
 */
public abstract class LedgerRefusal extends RuntimeException {

    private final String code;

    protected LedgerRefusal(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    /** The stable name of the refusal; also the slug of the REST problem type. */
    public String code() {
        return code;
    }
}
