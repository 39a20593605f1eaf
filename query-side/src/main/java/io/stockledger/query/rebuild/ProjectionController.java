package io.stockledger.query.rebuild;

import io.stockledger.query.web.Conflict;
import io.stockledger.query.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/projections")
@Tag(
        name = "Projections",
        description = "Rebuild a projection from the event log without downtime, verify it, and read its checksum")
class ProjectionController {

    /** A projection and its runs, newest first. */
    record ProjectionRuns(String projection, List<Rebuild> runs) {}

    private final Rebuilds rebuilds;

    ProjectionController(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping
    @Operation(summary = "List projections", description = "Every rebuildable projection and its rebuilds.")
    List<ProjectionRuns> list() {
        return ProjectionCatalog.PROJECTIONS.keySet().stream()
                .sorted()
                .map(name -> new ProjectionRuns(name, rebuilds.of(name)))
                .toList();
    }

    @PostMapping("/{name}/rebuilds")
    @Operation(
            summary = "Rebuild a projection",
            description = "Replays the event log into a shadow generation while the live one keeps serving; once"
                    + " caught up, compares the two row by row and switches readers over in one transaction.")
    @ApiResponse(responseCode = "202", description = "Started; follow Location for progress")
    @ApiResponse(responseCode = "404", description = "urn:stockledger:problem:projection-not-found")
    @ApiResponse(responseCode = "409", description = "urn:stockledger:problem:rebuild-already-running")
    ResponseEntity<Rebuild> rebuild(@PathVariable String name) {
        Rebuild started = known(() -> rebuilds.start(name, true));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/projections/" + name + "/rebuilds/" + started.id()))
                .body(started);
    }

    @GetMapping("/{name}/rebuilds")
    @Operation(summary = "A projection's rebuilds and verifications, newest first")
    List<Rebuild> rebuilds(@PathVariable String name) {
        return known(() -> rebuilds.of(name));
    }

    @GetMapping("/{name}/rebuilds/{id}")
    @Operation(
            summary = "Progress of a rebuild",
            description = "Events done and total, rate, estimated time remaining, state, and once compared the"
                    + " checksums and every differing row.")
    Rebuild rebuild(@PathVariable String name, @PathVariable String id) {
        return run(name, id, "rebuild");
    }

    @PostMapping("/{name}/verifications")
    @Operation(
            summary = "Verify a projection against a fresh replay",
            description = "Replays the event log into a shadow generation and, at the live projection's position,"
                    + " reports every row that differs (drift); the live projection is left as it is.")
    @ApiResponse(responseCode = "202", description = "Started; follow Location for the outcome")
    @ApiResponse(responseCode = "404", description = "urn:stockledger:problem:projection-not-found")
    @ApiResponse(responseCode = "409", description = "urn:stockledger:problem:rebuild-already-running")
    ResponseEntity<Rebuild> verify(@PathVariable String name) {
        Rebuild started = known(() -> rebuilds.start(name, false));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/projections/" + name + "/verifications/" + started.id()))
                .body(started);
    }

    @GetMapping("/{name}/verifications/{id}")
    @Operation(summary = "Progress and outcome of a verification")
    Rebuild verification(@PathVariable String name, @PathVariable String id) {
        return run(name, id, "verification");
    }

    @GetMapping("/{name}/checksum")
    @Operation(
            summary = "A projection's checksum",
            description = "SHA-256 over its rows in primary-key order, in canonical form, per table and overall, with"
                    + " the event position it reflects.")
    @ApiResponse(responseCode = "404", description = "urn:stockledger:problem:projection-not-found")
    Rebuilds.Checksum checksum(@PathVariable String name) {
        return known(() -> rebuilds.checksum(name));
    }

    private Rebuild run(String name, String id, String kind) {
        return known(() -> rebuilds.find(name, id))
                .filter(run -> run.kind().equals(kind))
                .orElseThrow(() -> new NotFound(kind + "-not-found", "No " + kind + " " + id + " of " + name));
    }

    private static <T> T known(Supplier<T> action) {
        try {
            return action.get();
        } catch (Rebuilds.UnknownProjection e) {
            throw new NotFound("projection-not-found", e.getMessage());
        } catch (Rebuilds.AlreadyRunning e) {
            throw new Conflict("rebuild-already-running", e.getMessage());
        }
    }
}
