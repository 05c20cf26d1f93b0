package dev.poststride.platforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.poststride.platform.PlatformEndpoints;
import dev.poststride.publishing.PublishingConfig;
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
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
    private final PlatformEndpoints endpoints;
    private final PublishingConfig config;
    private final ObjectMapper json;

    PlatformHttp(PlatformEndpoints endpoints, PublishingConfig config, ObjectMapper json) {
        this.endpoints = endpoints;
        this.config = config;
        this.json = json;
    }

    /** The REST client of a platform interface, on that platform's API base URL. */
    public <T> T client(Class<T> type, PlatformKey platform) {
        return client(type, endpoints.of(platform).apiUrl());
    }

    /** The REST client of a platform interface, on the API base URL of a connect flow ({@link PlatformOAuth#flow}). */
    public <T> T client(Class<T> type, PlatformKey platform, String flow) {
        return client(type, endpoints.of(platform, flow).apiUrl());
    }

    /** The REST client of an interface on any base URL (upload URLs a platform hands out). */
    public <T> T client(Class<T> type, String baseUrl) {
        return type.cast(clients.computeIfAbsent(type.getName() + " " + baseUrl, k -> QuarkusRestClientBuilder
                .newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(type)));
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

    public PublishingConfig config() {
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
