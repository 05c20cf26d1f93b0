package dev.poststride.platforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * How the adapters call platforms: one REST client per platform interface and base URL (the configured
 * {@code platforms.<key>.api-url}, or the dev sandbox), with connect and read timeouts, no redirects, answers read
 * raw and cut at {@link #MAX_ANSWER_BYTES}, and a failure told apart by whether the request may have arrived.
 *
 * <p>The interfaces carry no {@code @RegisterRestClient}: they are only ever built here, from our own settings, and
 * a registered client makes Quarkus map its ~60 {@code quarkus.rest-client.*} settings under two names at every
 * start and route every configuration lookup through its fallbacks — a quarter of the native binary's start-up CPU
 * (BENCHMARKS.md, scenario 1).
 */
@ApplicationScoped
public class PlatformHttp {

    /** Platforms answer publishing calls with small JSON documents; anything larger is not what was asked. */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    /** A platform's answer: status, headers, and the body as JSON (a missing node when it was not JSON). */
    public record Reply(int status, JsonNode body, String text, Response.StatusType info,
                        jakarta.ws.rs.core.MultivaluedMap<String, String> headers) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String header(String name) {
            String value = headers.getFirst(name);
            if (value == null) {
                for (var entry : headers.entrySet()) {
                    if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                        return entry.getValue().getFirst();
                    }
                }
            }
            return value;
        }

        public boolean isJson() {
            return !body.isMissingNode();
        }

        /**
         * When the platform asked to be called again ({@code Retry-After}: seconds, or an HTTP date), if it said;
         * platforms with a reset header of their own read that instead.
         */
        public Optional<Instant> retryAfter(Clock clock) {
            String value = header("Retry-After");
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(clock.instant().plusSeconds(Math.max(0, Long.parseLong(value.trim()))));
            } catch (NumberFormatException notSeconds) {
                try {
                    return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                                               .toInstant());
                } catch (DateTimeParseException neither) {
                    return Optional.empty();
                }
            }
        }

        /** The same answer read from another body (a token answer wrapped in {@code data}). */
        public Reply withBody(JsonNode other) {
            return new Reply(status, other, text, info, headers);
        }
    }

    /** The call failed before a request could reach the platform: safe to try again. */
    public static final class NotSent extends RuntimeException {
        NotSent(String message) {
            super(message, null, false, false);
        }
    }

    /** The call failed after the request may have reached the platform (timeout, reset): the effect is unknown. */
    public static final class MaybeSent extends RuntimeException {
        MaybeSent(String message) {
            super(message, null, false, false);
        }
    }

    private final ConcurrentMap<String, Object> clients = new ConcurrentHashMap<>();
    private final ApiUrls apis;
    private final PlatformCallsConfig config;
    private final ObjectMapper json;

    PlatformHttp(ApiUrls apis, PlatformCallsConfig config, ObjectMapper json) {
        this.apis = apis;
        this.config = config;
        this.json = json;
    }

    /** The REST client of a platform interface, on that platform's API base URL. */
    public <T> T client(Class<T> type, PlatformKey platform) {
        return client(type, apis.apiUrl(platform, null));
    }

    /** The REST client of a platform interface, on the API base URL of a connect flow ({@link PlatformOAuth#flow}). */
    public <T> T client(Class<T> type, PlatformKey platform, String flow) {
        return client(type, apis.apiUrl(platform, flow));
    }

    /** The REST client of an interface on any base URL (upload URLs a platform hands out). */
    public <T> T client(Class<T> type, String baseUrl) {
        return client(type, baseUrl, config.connectTimeout(), config.readTimeout());
    }

    /**
     * The REST client of an interface on a base URL, with its own timeouts (the connect flows' token endpoints and
     * identity calls answer a person waiting in a browser: {@code poststride.connect.*-timeout}).
     */
    public <T> T client(Class<T> type, String baseUrl, Duration connectTimeout, Duration readTimeout) {
        String key = type.getName() + " " + baseUrl + " " + connectTimeout.toMillis() + "/" + readTimeout.toMillis();
        return type.cast(clients.computeIfAbsent(key, k -> QuarkusRestClientBuilder
                .newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(type)));
    }

    // ---- the shapes adapters repeat -----------------------------------------------------------------------------

    /**
     * A call that creates something on the platform (a post, a reply, a comment): {@code onReply} reads its answer.
     * Not sent: retryable ({@code unreachable}). Perhaps sent (a timeout, a dropped connection): of unknown outcome,
     * so that the engine looks for what it may have created before anything is sent again.
     */
    public Outcome create(String what, Supplier<Response> call, Function<Reply, Outcome> onReply) {
        Reply reply;
        try {
            reply = send(what, call);
        } catch (NotSent e) {
            return new Outcome.Transient("unreachable", e.getMessage());
        } catch (MaybeSent e) {
            return new Outcome.OutcomeUnknown(e.getMessage());
        }
        return onReply.apply(reply);
    }

    /**
     * A call that is harmless to repeat (an upload, an unpublished container, a status read): its answer, or
     * {@link StepFailed} with a retryable outcome under {@code code} when none came.
     */
    public Reply step(String what, String code, Supplier<Response> call) throws StepFailed {
        try {
            return send(what, call);
        } catch (NotSent | MaybeSent e) {
            throw new StepFailed(new Outcome.Transient(code, e.getMessage()));
        }
    }

    /**
     * A read whose failure only means "cannot tell" (a look-up after an unknown outcome): its 2xx JSON answer, or
     * empty.
     */
    public Optional<Reply> read(String what, Supplier<Response> call) {
        try {
            Reply reply = send(what, call);
            return reply.ok() && reply.isJson() ? Optional.of(reply) : Optional.empty();
        } catch (NotSent | MaybeSent e) {
            return Optional.empty();
        }
    }

    /** What one look at an asynchronous job (media processing, a container, a publish) found. */
    public sealed interface Poll<T> {

        /** The job ended: this is the result. */
        record Done<T>(T result) implements Poll<T> {
        }

        /** Not yet: look again after {@code after} (bounded by {@code max-poll-wait}). */
        record Again<T>(Duration after) implements Poll<T> {
        }
    }

    /** One look at a job; {@code poll} counts from 0. */
    @FunctionalInterface
    public interface Look<T> {
        Poll<T> at(int poll) throws StepFailed;
    }

    /**
     * Looks at an asynchronous job until it ends, at most {@code max-status-polls} + 1 times, pausing between looks as
     * each says: the result, or {@code stillRunning}'s when the job had not ended by the last look.
     */
    public <T> T poll(Look<T> look, Supplier<T> stillRunning) throws StepFailed {
        for (int poll = 0; poll <= config.maxStatusPolls(); poll++) {
            switch (look.at(poll)) {
                case Poll.Done<T> done -> {
                    return done.result();
                }
                case Poll.Again<T> again -> {
                    if (poll < config.maxStatusPolls()) {
                        pause(again.after());
                    }
                }
            }
        }
        return stillRunning.get();
    }

    /**
     * After an unknown outcome: among a listing's items (a timeline, a Page's posts, an account's media), the first
     * whose {@code field} holds {@code text}, both compared as {@code comparable} makes them (platforms trim, rewrite
     * links).
     */
    public static Optional<JsonNode> findByText(JsonNode items, String field, String text,
                                                UnaryOperator<String> comparable) {
        String wanted = comparable.apply(text);
        for (JsonNode item : items) {
            if (comparable.apply(item.path(field).asText("")).equals(wanted)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /** Runs a call; the thrown exceptions say whether it may have had an effect. Messages never hold tokens. */
    public Reply send(String what, Supplier<Response> call) {
        try (Response response = call.get()) {
            String text = read(response);
            return new Reply(response.getStatus(), parse(text), text, response.getStatusInfo(),
                             response.getStringHeaders());
        } catch (ProcessingException e) {
            if (neverSent(e)) {
                throw new NotSent(what + " could not be reached");
            }
            throw new MaybeSent(what + " did not answer in time or dropped the connection");
        }
    }

    private static boolean neverSent(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException
                || cause.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private static String read(Response response) {
        if (!response.hasEntity()) {
            return "";
        }
        try (InputStream in = response.readEntity(InputStream.class)) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                return ""; // not what a platform answers; treated as a non-JSON answer
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (Exception e) {
            return MissingNode.getInstance();
        }
    }

    /** The answer to an upload PUT: its status and headers (LinkedIn's part {@code etag}s). */
    public record UploadReply(int status, java.net.http.HttpHeaders headers) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * PUTs bytes to a pre-signed upload URL a platform handed out (LinkedIn, TikTok). These are one-off URLs, not
     * the platform's API, so they go through the JDK client rather than a REST client per URL.
     */
    public UploadReply putBytes(String url, byte[] bytes, String contentType, java.util.Map<String, String> headers) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create(url))
                .timeout(config.readTimeout())
                .header("Content-Type", contentType)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(request::header);
        try {
            java.net.http.HttpResponse<Void> response = uploads().send(request.build(),
                                                                        java.net.http.HttpResponse.BodyHandlers.discarding());
            return new UploadReply(response.statusCode(), response.headers());
        } catch (java.net.ConnectException e) {
            throw new NotSent("the upload URL could not be reached");
        } catch (IOException e) {
            throw new MaybeSent("the upload did not complete");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MaybeSent("interrupted during an upload");
        }
    }

    private volatile java.net.http.HttpClient uploads;

    private java.net.http.HttpClient uploads() {
        if (uploads == null) {
            uploads = java.net.http.HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        }
        return uploads;
    }

    /** Waits before polling a platform again, never longer than {@code max-poll-wait}. */
    public void pause(Duration wait) {
        Duration bounded = wait.compareTo(config.maxPollWait()) > 0 ? config.maxPollWait() : wait;
        if (bounded.isZero() || bounded.isNegative()) {
            return;
        }
        try {
            Thread.sleep(bounded);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MaybeSent("interrupted while waiting for the platform");
        }
    }

    public PlatformCallsConfig config() {
        return config;
    }

    /** A short, safe description of a platform's error answer (never the request, which may carry tokens). */
    public static String describe(Reply reply) {
        String detail = null;
        JsonNode body = reply.body();
        for (String field : new String[] {"detail", "message", "title", "error_description"}) {
            if (body.path(field).isTextual()) {
                detail = body.path(field).asText();
                break;
            }
        }
        if (detail == null && body.path("error").path("message").isTextual()) {
            detail = body.path("error").path("message").asText();
        }
        if (detail == null && !reply.isJson()) {
            detail = "an answer that is not JSON";
        }
        String text = "HTTP " + reply.status() + (detail == null ? "" : ": " + detail);
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }
}
