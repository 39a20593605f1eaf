package io.stockledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.event.AggregateEventStream;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.grpc.event.Event;
import io.stockledger.store.StorePassword;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The Axon Server mode against a real Axon Server, whose gRPC address ({@code host:port}) is in the environment
 * variable {@code AXONSERVER_ADDRESS}. Without it, every test here is skipped and says why. The migration runs first
 * and needs an empty Axon Server (Axon Server SE has one context and cannot be emptied through its API); on a server
 * that already holds events it is skipped, saying so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AxonServerEndToEndTest {

    static final String ADDRESS_VARIABLE = "AXONSERVER_ADDRESS";
    static final String NO_AXON_SERVER = "AXONSERVER_ADDRESS is not set: this test needs a running Axon Server; set it "
            + "to its gRPC address, e.g. AXONSERVER_ADDRESS=localhost:8124 (README, \"On Axon Server\")";
    private static final String LOCATION = "WH-AXS";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String address;
    private static AxonServerConnectionFactory factory;
    private static AxonServerConnection axonServer;
    /** Two command-side and two query-side instances, shared by the tests after the migration (JVMs start slowly). */
    private static AxonServerLedger scaledOut;
    /** Why the instances shared by the tests after the migration did not start, so that those tests say so. */
    private static RuntimeException scaleOutFailure;

    private static List<LedgerProcess> commandSides;
    private static List<LedgerProcess> querySides;
    private final List<AutoCloseable> started = new ArrayList<>();

    @BeforeAll
    static void axonServerIsThere() {
        address = System.getenv(ADDRESS_VARIABLE);
        if (address == null || address.isBlank()) {
            return; // every test is disabled, saying why
        }
        int colon = address.lastIndexOf(':');
        factory = AxonServerConnectionFactory.forClient("stockledger-e2e")
                .routingServers(
                        new ServerAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))))
                .build();
        axonServer = factory.connect("default");
    }

    @AfterAll
    static void disconnect() {
        if (scaledOut != null) {
            scaledOut.close();
        }
        if (factory != null) {
            factory.shutdown();
        }
    }

    private static AxonServerLedger scaledOut() {
        if (scaleOutFailure != null) {
            throw new IllegalStateException(
                    "the two command-side and two query-side instances did not start (first failure attached)",
                    scaleOutFailure);
        }
        if (scaledOut == null) {
            scaledOut = AxonServerLedger.create("axonserver-2x2", address);
            try {
                commandSides = List.of(scaledOut.startCommandSide(), scaledOut.startCommandSide());
                querySides = List.of(scaledOut.startQuerySide(), scaledOut.startQuerySide());
            } catch (RuntimeException e) {
                scaleOutFailure = e;
                throw e;
            }
        }
        return scaledOut;
    }

    @AfterEach
    void stopWhatWasStarted() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = ADDRESS_VARIABLE, matches = ".+", disabledReason = NO_AXON_SERVER)
    @Order(1)
    void anEmbeddedHistoryMovesIntoAxonServerAndTheProjectionsRebuiltThereMatch() throws Exception {
        long present = axonServer.eventChannel().getLastToken().get(30, TimeUnit.SECONDS) + 1;
        assumeTrue(
                present == 0,
                "the migration test needs an empty Axon Server; the one at " + address + " holds " + present
                        + " events (start it on an empty storage directory to run this test)");
        Ledger embedded = Ledger.start("migration-source");
        started.add(embedded);
        Http http = embedded.http();
        int command = embedded.commandSide().port();
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String sku = MovementRequest.newSku("E2E-MIG");
            skus.add(sku);
            assertThat(embedded.post("receipts", MovementRequest.of(sku, LOCATION, 50))
                            .status())
                    .isEqualTo(201);
        }
        assertThat(embedded.post("shipments", MovementRequest.of(skus.get(0), LOCATION, 7))
                        .status())
                .isEqualTo(201);
        String reservationId = MovementRequest.newId();
        assertThat(reserve(http, command, reservationId, skus.get(1), 5).status())
                .isEqualTo(201);
        List<JsonNode> positionsBefore = new ArrayList<>();
        for (String sku : skus) {
            positionsBefore.add(embedded.awaitPosition(
                    sku, LOCATION, view -> view.path("reserved").asLong() >= 0));
        }
        embedded.awaitPosition(
                skus.get(1), LOCATION, view -> view.path("reserved").asLong() == 5);
        embedded.awaitPosition(
                skus.get(0), LOCATION, view -> view.path("onHand").asLong() == 43);
        positionsBefore.clear();
        for (String sku : skus) {
            positionsBefore.add(embedded.position(sku, LOCATION).json());
        }
        List<JsonNode> auditBefore = embedded.auditEntries(Map.of("location", LOCATION));
        embedded.close();

        Process.Result first = Process.run(migration(embedded.dataDir()));
        assertThat(first.exitCode()).as(first.output()).isZero();
        java.util.regex.Matcher copied = java.util.regex.Pattern.compile(
                        "done: (\\d+) events copied .*; Axon Server holds (\\d+) events, the embedded store (\\d+)")
                .matcher(first.output());
        assertThat(copied.find()).as(first.output()).isTrue();
        String events = copied.group(1);
        assertThat(copied.group(2)).isEqualTo(events);
        assertThat(copied.group(3)).isEqualTo(events);
        Process.Result again = Process.run(migration(embedded.dataDir()));
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("copying 0 of " + events + " events");

        Event stored = aggregateEvents(skus.get(0) + "@" + LOCATION).get(0);
        JsonNode firstAudit = auditBefore.stream()
                .filter(entry -> entry.path("sku").asText().equals(skus.get(0)))
                .findFirst()
                .orElseThrow();
        assertThat(stored.getMessageIdentifier())
                .isEqualTo(firstAudit.path("eventId").asText());
        assertThat(stored.getAggregateSequenceNumber()).isZero();
        assertThat(stored.getMetaDataMap()).containsKey("correlationId");

        AxonServerLedger rebuilt = AxonServerLedger.create("migration-target", address);
        started.add(rebuilt);
        rebuilt.startQuerySide();
        int query = rebuiltQueryPort(rebuilt);
        for (int i = 0; i < skus.size(); i++) {
            JsonNode expected = withoutVolatile(positionsBefore.get(i));
            String sku = skus.get(i);
            JsonNode view = Ledger.await(
                    "rebuilt position " + sku,
                    () -> rebuilt.http()
                            .get(query, "/api/v1/positions/" + sku + "/" + LOCATION)
                            .json(),
                    node -> node != null && withoutVolatile(node).equals(expected));
            assertThat(withoutVolatile(view)).isEqualTo(expected);
        }
        List<JsonNode> auditAfter = Ledger.await(
                "the rebuilt audit trail",
                () -> audit(rebuilt.http(), query),
                entries -> entries.size() == auditBefore.size());
        assertThat(auditAfter.stream()
                        .map(AxonServerEndToEndTest::withoutPosition)
                        .toList())
                .isEqualTo(auditBefore.stream()
                        .map(AxonServerEndToEndTest::withoutPosition)
                        .toList());

        // Every projection table, row by row: the embedded query side's against the one rebuilt from Axon Server.
        Process.Result comparison = Ledger.await(
                "the projections rebuilt on Axon Server equal to the embedded ones",
                () -> Process.runUnchecked(compareProjections(
                        embedded.dataDir().resolve("query"), rebuilt.dataDir().resolve("query"))),
                result -> result.exitCode() == 0);
        assertThat(comparison.output()).contains("result: EQUAL").contains("stock_position");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = ADDRESS_VARIABLE, matches = ".+", disabledReason = NO_AXON_SERVER)
    @Order(2)
    void aMovementIsStoredInAxonServerAndReachesTheProjection() throws Exception {
        AxonServerLedger ledger = scaledOut();
        LedgerProcess command = commandSides.get(1);
        LedgerProcess query = querySides.get(0);
        String sku = MovementRequest.newSku("E2E-AXS");
        ObjectNode receipt = MovementRequest.of(sku, LOCATION, 12);

        Http.Response answer = ledger.http().post(command.port(), "/api/v1/movements/receipts", receipt, Map.of());

        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        List<Event> events = aggregateEvents(sku + "@" + LOCATION);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getPayload().getType()).endsWith("StockReceived");
            assertThat(event.getPayload().getData().toString(StandardCharsets.UTF_8))
                    .contains(receipt.path("movementId").asText());
        });
        JsonNode view =
                awaitPosition(ledger, query, sku, node -> node.path("onHand").asLong() == 12);
        assertThat(view.path("available").asLong()).isEqualTo(12);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = ADDRESS_VARIABLE, matches = ".+", disabledReason = NO_AXON_SERVER)
    @Order(3)
    void reservationsRacingThroughTwoCommandSideInstancesNeverOversell() throws Exception {
        AxonServerLedger ledger = scaledOut();
        LedgerProcess query = querySides.get(1);
        String sku = MovementRequest.newSku("E2E-RACE");
        int stock = 20;
        assertThat(ledger.http()
                        .post(
                                commandSides.get(0).port(),
                                "/api/v1/movements/receipts",
                                MovementRequest.of(sku, LOCATION, stock),
                                Map.of())
                        .status())
                .isEqualTo(201);

        int attempts = 60;
        ExecutorService clients = Executors.newFixedThreadPool(12);
        List<Future<Http.Response>> answers = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            int port = commandSides.get(i % 2).port();
            answers.add(clients.submit(() -> reserve(ledger.http(), port, MovementRequest.newId(), sku, 1)));
        }
        Map<Integer, Integer> byStatus = new HashMap<>();
        for (Future<Http.Response> answer : answers) {
            byStatus.merge(answer.get().status(), 1, Integer::sum);
        }
        clients.shutdown();

        assertThat(byStatus).as("answers by status").containsOnlyKeys(201, 409);
        assertThat(byStatus.get(201)).as("confirmed reservations").isEqualTo(stock);
        JsonNode view =
                awaitPosition(ledger, query, sku, node -> node.path("reserved").asLong() == stock);
        assertThat(view.path("available").asLong()).isZero();
        assertThat(aggregateEvents(sku + "@" + LOCATION)).hasSize(1 + stock);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = ADDRESS_VARIABLE, matches = ".+", disabledReason = NO_AXON_SERVER)
    @Order(4)
    void queryInstancesShareThePositionsBySegmentsAndASurvivorTakesOverAndARebuildMatches() throws Exception {
        AxonServerLedger ledger = scaledOut();
        LedgerProcess command = commandSides.get(0);
        LedgerProcess first = querySides.get(0);
        LedgerProcess second = querySides.get(1);
        Ledger.await(
                "the positions' two segments owned by two instances",
                () -> owners(ledger, "positions"),
                owners -> owners.size() == 2 && new HashSet<>(owners.values()).size() == 2);

        List<String> skus = receiveOnNewSkus(ledger, command, 20);
        for (String sku : skus) {
            awaitPosition(ledger, first, sku, node -> node.path("onHand").asLong() == 5);
            awaitPosition(ledger, second, sku, node -> node.path("onHand").asLong() == 5);
        }

        second.kill();
        List<String> later = receiveOnNewSkus(ledger, command, 20);
        for (String sku : later) {
            awaitPosition(ledger, first, sku, node -> node.path("onHand").asLong() == 5);
        }
        Map<Integer, String> owners = owners(ledger, "positions");
        assertThat(new HashSet<>(owners.values())).as("owners of %s", owners).hasSize(1);
        List<String> all = new ArrayList<>(skus);
        all.addAll(later);
        for (String sku : all) {
            assertThat(ledger.http()
                            .get(first.port(), "/api/v1/audit?sku=" + sku)
                            .json()
                            .path("items"))
                    .as("audit entries of %s", sku)
                    .hasSize(1);
        }

        AxonServerLedger rebuild = AxonServerLedger.create("axonserver-rebuild", address);
        started.add(rebuild);
        LedgerProcess fresh = rebuild.startQuerySide();
        for (String sku : all) {
            JsonNode live = withoutVolatile(ledger.http()
                    .get(first.port(), "/api/v1/positions/" + sku + "/" + LOCATION)
                    .json());
            JsonNode rebuilt = Ledger.await(
                    "rebuilt position " + sku,
                    () -> rebuild.http()
                            .get(fresh.port(), "/api/v1/positions/" + sku + "/" + LOCATION)
                            .json(),
                    node -> node != null && withoutVolatile(node).equals(live));
            assertThat(withoutVolatile(rebuilt)).isEqualTo(live);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static List<String> receiveOnNewSkus(AxonServerLedger ledger, LedgerProcess command, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> {
                    String sku = MovementRequest.newSku("E2E-SEG");
                    Http.Response answer = ledger.http()
                            .post(
                                    command.port(),
                                    "/api/v1/movements/receipts",
                                    MovementRequest.of(sku, LOCATION, 5),
                                    Map.of());
                    assertThat(answer.status()).as("%s", answer).isEqualTo(201);
                    return sku;
                })
                .toList();
    }

    private static Http.Response reserve(Http http, int port, String reservationId, String sku, long units) {
        ObjectNode body = JSON.createObjectNode()
                .put("reservationId", reservationId)
                .put("channel", "web")
                .put("orderReference", "SO-" + reservationId)
                .put("sourceSystem", "webshop")
                .put("ttlSeconds", 3600);
        body.set(
                "lines",
                JSON.createArrayNode()
                        .add(JSON.createObjectNode()
                                .put("sku", sku)
                                .put("location", LOCATION)
                                .put("quantity", units)));
        return http.post(port, "/api/v1/reservations", body, Map.of());
    }

    private static JsonNode awaitPosition(
            AxonServerLedger ledger, LedgerProcess query, String sku, java.util.function.Predicate<JsonNode> done) {
        return Ledger.await(
                "position " + sku + " on " + query.name(),
                () -> {
                    Http.Response response =
                            ledger.http().get(query.port(), "/api/v1/positions/" + sku + "/" + LOCATION);
                    return response.status() == 200 ? response.json() : null;
                },
                view -> view != null && done.test(view));
    }

    private static List<Event> aggregateEvents(String aggregateId) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        AggregateEventStream stream = axonServer.eventChannel().openAggregateStream(aggregateId, false);
        while (stream.hasNext()) {
            events.add(stream.next());
        }
        return events;
    }

    /** Segment to owner of a processor's tokens in the query side's shared database. */
    private static Map<Integer, String> owners(AxonServerLedger ledger, String processor) {
        try (Connection connection = DriverManager.getConnection(
                        ledger.projectionsUrl(), StorePassword.USER, StorePassword.of(ledger.dataDir()));
                var statement = connection.prepareStatement(
                        "SELECT segment, owner FROM TokenEntry WHERE processorName = ? AND owner IS NOT NULL")) {
            statement.setString(1, processor);
            Map<Integer, String> owners = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    owners.put(rows.getInt(1), rows.getString(2));
                }
            }
            return owners;
        } catch (SQLException e) {
            return Map.of();
        }
    }

    private static List<JsonNode> audit(Http http, int port) {
        JsonNode page = http.get(port, "/api/v1/audit?location=" + LOCATION + "&limit=1000")
                .json();
        List<JsonNode> entries = new ArrayList<>();
        page.path("items").forEach(entries::add);
        return entries;
    }

    private List<String> migration(Path dataDir) {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                AxonServerLedger.jar("stockledger.migration.jar").toString(),
                "--data=" + dataDir,
                "--to=" + address);
    }

    private static List<String> compareProjections(Path left, Path right) {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                AxonServerLedger.jar("stockledger.migration.jar").toString(),
                "compare-projections",
                left.toString(),
                right.toString());
    }

    private static int rebuiltQueryPort(AxonServerLedger ledger) {
        return ledger.querySide(0).port();
    }

    /**
     * A position view without its event position (Axon Server numbers the events without the embedded store's gaps)
     * and with the event's timestamp to the millisecond, which is as precise as Axon Server keeps it.
     */
    private static JsonNode withoutVolatile(JsonNode view) {
        ObjectNode copy = view.deepCopy();
        copy.remove("eventPosition");
        if (copy.hasNonNull("lastRecordedAt")) {
            copy.put(
                    "lastRecordedAt",
                    Instant.parse(copy.path("lastRecordedAt").asText())
                            .truncatedTo(ChronoUnit.MILLIS)
                            .toString());
        }
        return copy;
    }

    /** An audit entry without its global position: Axon Server numbers its events without the embedded gaps. */
    private static JsonNode withoutPosition(JsonNode entry) {
        ObjectNode copy = entry.deepCopy();
        copy.remove("globalPosition");
        return copy;
    }

    /** A short-lived child process, its exit code and output. */
    private record Process(int exitCode, String output) {

        record Result(int exitCode, String output) {}

        static Result runUnchecked(List<String> command) {
            try {
                return run(command);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static Result run(List<String> command) throws Exception {
            Path log = Files.createTempFile("migration-", ".log");
            java.lang.Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the migration did not finish within 300 s:\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log));
        }
    }
}
