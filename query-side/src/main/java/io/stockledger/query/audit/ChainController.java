package io.stockledger.query.audit;

import io.stockledger.query.audit.ChainLinks.Link;
import io.stockledger.query.audit.ChainVerifier.Verification;
import io.stockledger.query.web.ReadsProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@ReadsProjection(AuditChain.PROCESSING_GROUP)
@RequestMapping("/api/v1/audit/chain")
@Tag(name = "Audit", description = "Every change of every position, and the chain of a business transaction")
class ChainController {

    /** How far the hash chain reaches: the number of linked events and the newest link. */
    record ChainHead(long links, Link head) {}

    private final ChainLinks links;
    private final ChainVerifier verifier;

    ChainController(ChainLinks links, ChainVerifier verifier) {
        this.links = links;
        this.verifier = verifier;
    }

    @GetMapping
    @Operation(
            summary = "The head of the hash chain",
            description = "The number of linked events and the newest link. Publishing the head (or keeping it with a"
                    + " closed period) lets anyone later prove that no earlier event was changed.")
    ChainHead head() {
        return new ChainHead(links.count(), links.head().orElse(null));
    }

    @GetMapping("/seals")
    @Operation(
            summary = "Closed periods and the links that sealed them",
            description =
                    "Each closed period with the chain link of its PeriodClosed event, which covers that event and"
                            + " every event linked before it. Verification checks every seal against the chain.")
    List<ChainLinks.Seal> seals() {
        return links.seals();
    }

    @GetMapping("/verification")
    @Operation(
            summary = "Verify the hash chain against the event log",
            description = "Recomputes every link from the events in the log and reports the first broken link, if any:"
                    + " intact is false and firstBreak names the event and the reason. Reads the whole log.")
    Verification verify() {
        return verifier.verify();
    }
}
