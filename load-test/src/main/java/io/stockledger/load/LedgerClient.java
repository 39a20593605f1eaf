package io.stockledger.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Plain HTTP/JSON calls to both sides of the ledger, timed. */
final class LedgerClient {

    /**
     * An answer: HTTP status, parsed body (never null), how long the call took, and the event position a command's
     * 2xx answer reports ({@code X-Event-Position}; null when there is none).
     */
    record Answer(int status, JsonNode body, long nanos, String eventPosition) {

        Answer(int status, JsonNode body, long nanos) {
            this(status, body, nanos, null);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The slug of a problem answer's type ({@code urn:stockledger:problem:<slug>}), or the status. */
        String problem() {
            String type = body.path("type").asText("");
            int colon = type.lastIndexOf(':');
            return colon >= 0 && colon < type.length() - 1 ? type.substring(colon + 1) : "http-" + status;
        }
    }

    private final HttpClient http;
    private final ObjectMapper json;
    private final List<URI> commandSide;
    private final List<URI> querySide;
    private final AtomicInteger turn = new AtomicInteger();
    private final String correlationId;
    private final String authorization;

    LedgerClient(
            List<URI> commandSide,
            List<URI> querySide,
            String credentials,
            String correlationId,
            ObjectMapper json,
            int clients) {
        this.commandSide = List.copyOf(commandSide);
        this.querySide = List.copyOf(querySide);
        this.correlationId = correlationId;
        this.authorization = credentials == null || credentials.isBlank()
                ? null
                : "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        this.json = json;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(Math.max(4, clients / 4)))
                .build();
    }

    Answer post(String path, Object body) {
        try {
            HttpRequest request = authorised(
                            HttpRequest.newBuilder(next(commandSide).resolve(path)))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, application/problem+json")
                    .header("X-Correlation-Id", correlationId)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            return send(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code PUT} of a JSON body to the command side. */
    Answer put(String path, Object body) {
        try {
            HttpRequest request = authorised(
                            HttpRequest.newBuilder(next(commandSide).resolve(path)))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, application/problem+json")
                    .header("X-Correlation-Id", correlationId)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            return send(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code POST} without body to the query side (starting a projection rebuild). */
    Answer postToQuerySide(String path) {
        HttpRequest request = authorised(HttpRequest.newBuilder(next(querySide).resolve(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return send(request);
    }

    Answer query(String path, Map<String, String> parameters) {
        return query(path, parameters, Map.of());
    }

    Answer query(String path, Map<String, String> parameters, Map<String, String> headers) {
        StringJoiner query = new StringJoiner("&", path + (parameters.isEmpty() ? "" : "?"), "");
        query.setEmptyValue(path);
        parameters.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = authorised(
                        HttpRequest.newBuilder(next(querySide).resolve(query.toString())))
                .timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json")
                .GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    /** A GET of the query side whose body is read and counted, not parsed (a CSV export): its status, size, time. */
    long[] download(String path) {
        HttpRequest request = authorised(HttpRequest.newBuilder(next(querySide).resolve(path)))
                .timeout(Duration.ofSeconds(120))
                .GET()
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new long[] {response.statusCode(), response.body().length, System.nanoTime() - start};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Several instances of a side are called in turn. */
    private URI next(List<URI> instances) {
        return instances.get(Math.floorMod(turn.getAndIncrement(), instances.size()));
    }

    private Answer send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - start;
            byte[] bytes = response.body();
            JsonNode body = bytes.length == 0 ? NullNode.getInstance() : parse(bytes);
            return new Answer(
                    response.statusCode(),
                    body,
                    nanos,
                    response.headers().firstValue("X-Event-Position").orElse(null));
        } catch (IOException e) {
            return new Answer(0, json.createObjectNode().put("error", e.toString()), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, json.createObjectNode().put("error", "interrupted"), System.nanoTime() - start);
        }
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException notJson) {
            return json.createObjectNode().put("raw", new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** Every request carries the API client's credentials (HTTP Basic), when given. */
    private HttpRequest.Builder authorised(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }
}
