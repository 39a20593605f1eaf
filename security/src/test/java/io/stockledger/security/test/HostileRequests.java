package io.stockledger.security.test;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Requests no well-behaved HTTP client would send, written byte for byte on a socket: bad bytes and escapes in the
 * path, encoded slashes and backslashes, traversal, control characters in headers, oversized URIs and headers, broken
 * content types and charsets, unacceptable {@code Accept} headers and unknown methods. Whoever refuses them (Tomcat
 * before Spring sees them, Spring Security's firewall, Spring MVC), each side must answer a 4xx problem
 * ({@code application/problem+json} with a {@code urn:stockledger:problem:} type), never a 5xx or an HTML page.
 */
public final class HostileRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One raw request and what it is meant to break. */
    public record Hostile(String name, byte[] bytes) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** What the side answered: the status line's code, the Content-Type and the body. */
    public record Answer(int status, String contentType, String body) {}

    private HostileRequests() {}

    /** Hostile requests to {@code path} (an existing GET endpoint) and {@code postPath} (an existing POST one). */
    public static List<Hostile> against(String path, String postPath, String authorization) {
        String auth = "Authorization: " + authorization + "\r\n";
        List<Hostile> requests = new ArrayList<>();
        for (String badPath : List.of(
                path + "/%00",
                path + "/a%2Fb",
                path + "/a%5Cb",
                path + "/a%2fb",
                path + "/%zz",
                path + "/%",
                path + "/%c0%af",
                path + "/%ED%A0%80",
                "/api/v1/../../etc/passwd",
                "/api/v1/%2e%2e/%2e%2e/etc/passwd",
                path + "/a;jsessionid=x",
                path + "//double",
                "/" + "a".repeat(20_000))) {
            requests.add(get("path " + abbreviated(badPath), badPath, auth));
        }
        requests.add(raw(
                "raw byte 0xFF in the path",
                bytes("GET " + path + "/"),
                new byte[] {(byte) 0xFF},
                bytes(" HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n")));
        requests.add(raw(
                "raw NUL in the path",
                bytes("GET " + path + "/"),
                new byte[] {0},
                bytes(" HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n")));
        requests.add(raw(
                "raw backslash in the path",
                bytes("GET " + path + "\\x HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n")));
        for (String header : List.of(
                "X-Correlation-Id: a\u0001b",
                "X-Correlation-Id: " + "c".repeat(10_000),
                "X-Big: " + "b".repeat(20_000),
                "Accept: garbage",
                "Accept: application/json;q=abc",
                "Accept: text/html",
                "Content-Length: abc",
                "X-Bad-Name\u0002: 1")) {
            requests.add(raw(
                    "header " + abbreviated(header),
                    bytes("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth + header + "\r\nConnection: close"
                            + "\r\n\r\n")));
        }
        String body = "{}";
        for (String contentType : List.of(
                "multipart/form-data",
                "multipart/form-data; boundary=",
                "multipart/mixed; boundary=x",
                "application/json; charset=",
                "application/json; charset=nonsense",
                "application/json; charset=\"",
                "application/x-www-form-urlencoded",
                "text/plain",
                "application/",
                "/",
                ";;;",
                "application/json;;;q=",
                "*/*")) {
            requests.add(post("content type " + contentType, postPath, contentType, body, auth));
        }
        requests.add(
                post("form body that cannot be decoded", postPath, "application/x-www-form-urlencoded", "%zz=%", auth));
        requests.add(raw(
                "unknown method",
                bytes("BREW " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n")));
        requests.add(raw(
                "TRACE",
                bytes("TRACE " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n")));
        return requests;
    }

    /** Sends the request on a socket of its own and reads the whole answer. */
    public static Answer send(int port, Hostile request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.bytes());
            out.flush();
            byte[] answer = readAll(socket.getInputStream());
            String text = new String(answer, ISO_8859_1);
            int headersEnd = text.indexOf("\r\n\r\n");
            assertThat(headersEnd)
                    .as("%s: an HTTP answer, got %s", request, text)
                    .isPositive();
            String[] head = text.substring(0, headersEnd).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            String contentType = null;
            boolean chunked = false;
            for (String line : head) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                }
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            // ISO-8859-1 keeps one char per byte, so chunk sizes count chars; the body is UTF-8 once unchunked
            String rest = text.substring(headersEnd + 4);
            String body = chunked ? unchunked(rest) : rest;
            return new Answer(status, contentType, new String(body.getBytes(ISO_8859_1), StandardCharsets.UTF_8));
        }
    }

    /** A 4xx problem with a type of ours: the answer every hostile request must get. */
    public static void assertProblem(Hostile request, Answer answer) throws IOException {
        assertThat(answer.status())
                .as("%s answered %s %s", request, answer.status(), answer.body())
                .isBetween(400, 499);
        assertThat(answer.contentType())
                .as("%s answered %s %s", request, answer.status(), answer.body())
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("type").asText())
                .as("%s answered %s", request, answer.body())
                .startsWith("urn:stockledger:problem:");
        assertThat(problem.path("status").asInt()).isEqualTo(answer.status());
    }

    private static Hostile get(String name, String path, String auth) {
        return raw(
                name, bytes("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n"));
    }

    private static Hostile post(String name, String path, String contentType, String body, String auth) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        return raw(
                name,
                bytes("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth + "Content-Type: " + contentType
                        + "\r\nContent-Length: " + content.length + "\r\nConnection: close\r\n\r\n"),
                content);
    }

    private static Hostile raw(String name, byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return new Hostile(name, bytes.toByteArray());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviated(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + ")" : text;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        try {
            while ((read = in.read(buffer)) >= 0) {
                all.write(buffer, 0, read);
            }
        } catch (java.net.SocketException reset) {
            // the server may close after its answer while unread request bytes remain: what came is the answer
        }
        return all.toByteArray();
    }

    private static String unchunked(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
