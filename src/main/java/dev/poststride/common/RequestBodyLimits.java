package dev.poststride.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Limits on request bodies that hold before a body is read. The server-wide cap (quarkus.http.limits.max-body-size)
 * is sized for media uploads; a body declared larger is refused with problem+json before anything else runs. Every
 * other body (JSON) gets {@code poststride.http.max-json-body-size}, refused by its Content-Length up front and, sent
 * chunked, as soon as it streams past the limit. A multipart body must name a usable boundary (RFC 2046: 1 to 70
 * characters), which the multipart parser would otherwise trip over.
 */
@Provider
public class RequestBodyLimits implements ReaderInterceptor {

    /** RFC 2046 {@code boundary}: 1 to 70 of its characters, the last not a space. */
    private static final Pattern BOUNDARY = Pattern.compile(
            "[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");

    private static final Logger LOG = Logger.getLogger(RequestBodyLimits.class);

    private final long maxJsonBytes;
    private final long maxBodyBytes;
    private final ObjectMapper json;

    RequestBodyLimits(@ConfigProperty(name = "poststride.http.max-json-body-size") MemorySize maxJsonBytes,
                      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodyBytes,
                      ObjectMapper json) {
        this.maxJsonBytes = maxJsonBytes.asLongValue();
        this.maxBodyBytes = maxBodyBytes.asLongValue();
        this.json = json;
    }

    /**
     * A body declared larger than the server-wide cap is refused by Quarkus before any JAX-RS code runs, with an
     * empty 413; this route, first of all, gives that refusal the problem+json body every other error has.
     */
    void firstOfAllRoutes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBodyBytes) {
                Problem problem = new Problem(Problems.typeUri("too-large"), "Too large", 413,
                                              "A request body may be at most " + describe(maxBodyBytes)
                                              + "; this one declares " + length + " bytes.",
                                              context.request().path(), java.util.List.of());
                try {
                    context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                            .putHeader("Connection", "close").end(json.writeValueAsString(problem))
                            .onComplete(sent -> context.request().connection().close()); // the rest is not read
                } catch (JsonProcessingException e) {
                    context.fail(e);
                }
                return;
            }
            context.next();
        });
    }

    /** Runs before matching, so neither the multipart parser nor a JSON reader sees a body refused here. */
    @ServerRequestFilter(preMatching = true)
    public Response checkBody(ContainerRequestContext request, UriInfo uri) {
        MediaType type;
        try {
            type = request.getMediaType();
        } catch (IllegalArgumentException notOneType) {
            // "application/json, text/plain" and the like: Content-Type names one media type (RFC 9110 8.3), and
            // every later step (matching, readers) would trip over it as an internal error.
            LOG.debugf("Refused a request to %s whose Content-Type is not one media type", uri.getPath());
            return ProblemExceptionMappers.respond(new Problems.UnsupportedMediaType(
                    "The Content-Type header must name one media type, such as application/json."), uri);
        }
        if (type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            String boundary = type.getParameters().get("boundary");
            if (boundary == null || !BOUNDARY.matcher(boundary).matches()) {
                return ProblemExceptionMappers.malformedBody(
                        "A multipart/form-data body needs a boundary parameter of 1 to 70 characters.", uri);
            }
            return null;
        }
        if (request.getLength() > maxJsonBytes) {
            return ProblemExceptionMappers.respond(tooLarge(), uri);
        }
        return null;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            context.setInputStream(new Bounded(context.getInputStream(), maxJsonBytes));
        }
        return context.proceed();
    }

    private Problems.TooLarge tooLarge() {
        return new Problems.TooLarge("A request body other than a media upload may be at most "
                                     + describe(maxJsonBytes) + ".");
    }

    /** Throws {@link Problems.TooLarge} on the first byte past the limit. */
    private final class Bounded extends FilterInputStream {

        private long remaining;

        Bounded(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            remaining -= n;
            if (remaining < 0) {
                throw tooLarge();
            }
        }
    }

    private static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
