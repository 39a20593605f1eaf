package io.stockledger.command.stock;

import io.stockledger.api.common.MovementId;
import io.stockledger.command.platform.web.ApiProblem;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A movement id is unique across the whole ledger: posted again with other content, it is refused. */
final class MovementIdConflict extends ApiProblem {

    MovementIdConflict(MovementId movementId, RecordedMovement recorded) {
        super(
                HttpStatus.CONFLICT,
                "movement-id-conflict",
                "Movement id already used",
                "movement id %s was recorded for a %s of %s@%s with other content; a movement id is unique across the ledger"
                        .formatted(movementId, recorded.type(), recorded.sku(), recorded.location()),
                Map.of("movementId", movementId.value()));
    }
}
