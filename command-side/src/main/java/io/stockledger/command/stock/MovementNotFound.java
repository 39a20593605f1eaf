package io.stockledger.command.stock;

import io.stockledger.api.common.MovementId;
import io.stockledger.command.platform.web.ApiProblem;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** No movement was recorded under this id. */
final class MovementNotFound extends ApiProblem {

    MovementNotFound(MovementId movementId) {
        super(
                HttpStatus.NOT_FOUND,
                "movement-not-found",
                "Movement not found",
                "no movement is recorded under id " + movementId,
                Map.of("movementId", movementId.value()));
    }
}
