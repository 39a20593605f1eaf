package io.stockledger.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;

/**
 * What Tomcat answers by itself, before Spring sees a request (a path with bad bytes, an encoded slash or
 * backslash, a header with control characters, a URI or headers too large), as an RFC 9457 problem like every other
 * answer of the API, instead of Tomcat's HTML error page. The status is Tomcat's; the type names it:
 * {@code urn:stockledger:problem:invalid-request} for a 400, the status's own slug otherwise.
 */
public class ContainerProblems extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Installs this valve as the error report valve of the embedded Tomcat's host. */
    static WebServerFactoryCustomizer<TomcatServletWebServerFactory> installer() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ContainerProblems.class.getName());
            }
        });
    }

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        // As Tomcat's own valve: nothing for a success, nothing over what was written, each error reported once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        try {
            response.resetBuffer();
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException notWritable) {
            // the connection is gone or the response cannot be written: nothing more to say
        }
    }

    static Map<String, Object> problem(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        if (status == HttpStatus.BAD_REQUEST.value()) {
            problem.put("type", ProblemTypes.type(ProblemTypes.INVALID_REQUEST).toString());
            problem.put("title", "Invalid request");
            problem.put(
                    "detail",
                    "the request was refused before it reached the API: its path, headers or framing are not valid"
                            + " HTTP (bad bytes or escapes in the path, an encoded slash or backslash, control"
                            + " characters in a header)");
        } else {
            String title = known == null ? "HTTP " + status : known.getReasonPhrase();
            problem.put("type", ProblemTypes.type(ProblemTypes.slugFor(status)).toString());
            problem.put("title", title);
            problem.put("detail", "the request was refused before it reached the API (" + title + ")");
        }
        problem.put("status", status);
        return problem;
    }
}
