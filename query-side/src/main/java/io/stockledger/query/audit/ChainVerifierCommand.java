package io.stockledger.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.query.audit.ChainVerifier.Verification;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The command-line verifier ({@code ./stockledger verify-chain}): the query side started without its web server,
 * with {@code stockledger.audit.verify-chain=true}. Its event processors stay stopped; it recomputes the chain from the
 * event log, prints the verification as JSON and exits with 0 when the chain is intact, 1 when it is broken.
 */
@Component
@ConditionalOnProperty(name = "stockledger.audit.verify-chain", havingValue = "true")
class ChainVerifierCommand implements ApplicationRunner, ExitCodeGenerator {

    private final ChainVerifier verifier;
    private final ObjectMapper json;
    private int exitCode;

    ChainVerifierCommand(ChainVerifier verifier, ObjectMapper json) {
        this.verifier = verifier;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Verification verification = verifier.verify();
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(verification));
        exitCode = verification.intact() ? 0 : 1;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
