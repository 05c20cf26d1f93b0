package dev.poststride.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The five platforms' publishing APIs as one stateful fake, run as its own process by the benchmark harness (and
 * reusable by later kill, chaos and webhook suites). It speaks the shapes of {@code platform-apis.md} under
 * {@code /x}, {@code /linkedin}, {@code /facebook}, {@code /instagram} and {@code /tiktok}, answers every request
 * after a fixed latency (per platform, changeable at run time), remembers what was posted so that timeline,
 * container and publish-id look-ups answer truthfully, and records per target (the {@code bench:KEY} marker in the
 * text) when its first request arrived and how many live posts it produced.
 *
 * <p>Control: {@code GET /_fake/targets} (what was recorded), {@code POST /_fake/reset},
 * {@code POST /_fake/latency?platform=x&ms=60000} (or {@code platform=all&ms=200&max_ms=600}: random in a range),
 * {@code POST /_fake/chaos?rate=0.3&slow_ms=5000} (that share of requests to X, LinkedIn and Facebook meets a fault:
 * see {@link Fault}; {@code rate=0} ends it).
 * Usage: {@code FakePlatformsServer <port> [latency-ms]}.
 */
public final class FakePlatformsServer {

    /** Letters, digits and '-' only: LinkedIn's adapter backslash-escapes brackets and underscores. */
    static final Pattern MARKER = Pattern.compile("bench:([A-Za-z0-9-]+)");
    private static final List<String> PLATFORMS = List.of("x", "linkedin", "facebook", "instagram", "tiktok");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the fake saw of one target: {@code platform/marker}. */
    static final class TargetRecord {
        final long firstRequestMs;
        int livePosts;
        int requests;

        TargetRecord(long firstRequestMs) {
            this.firstRequestMs = firstRequestMs;
        }
    }

    /** A live post on a fake platform. */
    record LivePost(String id, String account, String text, long createdMs) {
    }

    /** An Instagram container or a TikTok publish: created, then published (or not). */
    static final class Pending {
        final String account;
        final String text;
        String status;
        String mediaId;

        Pending(String account, String text, String status) {
            this.account = account;
            this.text = text;
            this.status = status;
        }
    }

    /**
     * What chaos does to a request. The first four happen before the request has any effect; the last two after it
     * did (the post is live), so only reconciliation keeps the retry from posting twice.
     */
    enum Fault {
        /** 429 with {@code x-rate-limit-reset} 2 s ahead (X only: LinkedIn's limit resets at the hour). */
        RATE_LIMITED,
        SERVER_ERROR,
        /** The connection is closed with no answer. */
        CONNECTION_RESET,
        /** 401: the token is refused (the connection then needs reconnecting). */
        UNAUTHORIZED,
        /** Done, then the answer takes {@code slow_ms}: past the client's read timeout. */
        TIMEOUT_AFTER_DONE,
        /** Done, then a 200 whose body is cut off mid-JSON. */
        MALFORMED_AFTER_DONE
    }

    private volatile double chaosRate;
    private volatile long chaosSlowMs = 5000;
    private final Map<String, AtomicLong> faults = new ConcurrentHashMap<>();
    /** X rate limits handed out, per token: until when; and the requests that came before that. */
    private final Map<String, Long> rateLimitedUntil = new ConcurrentHashMap<>();
    private final AtomicLong requestsBeforeReset = new AtomicLong();

    private final long defaultLatencyMs;
    private final Map<String, Long> latencyMs = new ConcurrentHashMap<>();
    /** Per platform, the upper end of a random latency (uniform from {@code latencyMs} to this); absent: fixed. */
    private final Map<String, Long> maxLatencyMs = new ConcurrentHashMap<>();
    private final Map<String, TargetRecord> targets = new ConcurrentHashMap<>();
    private final Map<String, List<LivePost>> postsByAccount = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requestsByPlatform = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1_000_000);
    private final AtomicLong unexpected = new AtomicLong();
    /** Webhooks received at {@code /_hooks/...}: per event id, its type, target and how many times it came. */
    private final Map<String, HookRecord> hooks = new ConcurrentHashMap<>();

    private record HookRecord(String type, String targetId, AtomicLong deliveries) {
    }

    FakePlatformsServer(long defaultLatencyMs) {
        this.defaultLatencyMs = defaultLatencyMs;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 50;
        FakePlatformsServer fake = new FakePlatformsServer(latency);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", fake::handle);
        server.start();
        System.out.println("fake platforms listening on 127.0.0.1:" + port + ", latency " + latency + " ms");
    }

    // ---- dispatch ---------------------------------------------------------------------------------------------------

    private record Request(String method, String platform, String path, Map<String, String> query, String bearer,
                           JsonNode body) {
    }

    private record Answer(int status, Object body, Map<String, String> headers) {
        static Answer json(Object body) {
            return new Answer(200, body, Map.of());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String fullPath = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (fullPath.startsWith("/_fake/")) {
                send(exchange, control(exchange.getRequestMethod(), fullPath, query));
                return;
            }
            if (fullPath.startsWith("/_hooks/")) {
                JsonNode event = readJson(exchange.getRequestBody().readAllBytes(), "application/json");
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                hooks.computeIfAbsent(id == null ? "none" : id, k -> new HookRecord(
                        event.path("type").asText(), event.path("data").path("target").path("id").asText(),
                        new AtomicLong())).deliveries().incrementAndGet();
                send(exchange, new Answer(204, null, Map.of()));
                return;
            }
            String[] parts = fullPath.split("/", 3);
            String platform = parts.length > 1 ? parts[1] : "";
            String path = parts.length > 2 ? "/" + parts[2] : "/";
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = readJson(raw, exchange.getRequestHeaders().getFirst("Content-Type"));
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String bearer = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
            Request request = new Request(exchange.getRequestMethod(), platform, path, query, bearer, body);
            requestsByPlatform.computeIfAbsent(platform, k -> new AtomicLong()).incrementAndGet();
            long low = latencyMs.getOrDefault(platform, defaultLatencyMs);
            long high = maxLatencyMs.getOrDefault(platform, low);
            pause(high > low ? java.util.concurrent.ThreadLocalRandom.current().nextLong(low, high + 1) : low);
            Fault fault = chaos(platform, bearer);
            if (fault != null && !fault.name().endsWith("_AFTER_DONE")) {
                faults.computeIfAbsent(fault.name(), k -> new AtomicLong()).incrementAndGet();
                if (fault == Fault.CONNECTION_RESET) {
                    return; // closing the exchange unanswered drops the connection
                }
                send(exchange, before(fault, bearer));
                return;
            }
            Answer answer = identity(request);
            answer = answer != null ? answer : switch (platform) {
                case "x" -> x(request);
                case "linkedin" -> linkedIn(request);
                case "facebook" -> facebook(request);
                case "instagram" -> instagram(request);
                case "tiktok" -> tikTok(request);
                default -> null;
            };
            if (answer == null) {
                unexpected.incrementAndGet();
                answer = new Answer(404, Map.of("error", "no fake for " + request.method() + " " + fullPath), Map.of());
            }
            if (fault != null) {
                faults.computeIfAbsent(fault.name(), k -> new AtomicLong()).incrementAndGet();
                if (fault == Fault.TIMEOUT_AFTER_DONE) {
                    pause(chaosSlowMs);
                } else {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    byte[] cut = "{\"data\":{\"id\":".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, cut.length);
                    exchange.getResponseBody().write(cut);
                    return;
                }
            }
            send(exchange, answer);
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    /** The fault this request meets, if any; notes requests that came before a rate limit handed out reset. */
    private Fault chaos(String platform, String bearer) {
        Long until = rateLimitedUntil.get(platform + "/" + bearer);
        if (until != null && System.currentTimeMillis() < until) {
            requestsBeforeReset.incrementAndGet();
        }
        double rate = chaosRate;
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        if (rate <= 0 || !List.of("x", "linkedin", "facebook").contains(platform) || random.nextDouble() >= rate) {
            return null;
        }
        List<Fault> possible = new ArrayList<>(List.of(Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.CONNECTION_RESET,
                                                       Fault.TIMEOUT_AFTER_DONE, Fault.MALFORMED_AFTER_DONE));
        if (platform.equals("x")) {
            possible.addAll(List.of(Fault.RATE_LIMITED, Fault.RATE_LIMITED));
        }
        if (random.nextInt(20) == 0) {
            possible = List.of(Fault.UNAUTHORIZED);
        }
        return possible.get(random.nextInt(possible.size()));
    }

    /** The answer of a fault that strikes before the request has any effect, in the platform's error shape. */
    private Answer before(Fault fault, String bearer) {
        return switch (fault) {
            case RATE_LIMITED -> {
                long reset = System.currentTimeMillis() / 1000 + 2;
                rateLimitedUntil.put("x/" + bearer, reset * 1000);
                yield new Answer(429, Map.of("title", "Too Many Requests", "detail", "Too Many Requests",
                                             "type", "about:blank", "status", 429),
                                 Map.of("x-rate-limit-limit", "100", "x-rate-limit-remaining", "0",
                                        "x-rate-limit-reset", Long.toString(reset)));
            }
            case UNAUTHORIZED -> new Answer(401, Map.of("title", "Unauthorized", "status", 401,
                                                        "error", Map.of("message", "Invalid OAuth access token.",
                                                                        "type", "OAuthException", "code", 190)),
                                            Map.of());
            default -> new Answer(503, Map.of("title", "Service Unavailable", "status", 503,
                                              "error", Map.of("message", "Service temporarily unavailable",
                                                              "code", 2, "is_transient", true)), Map.of());
        };
    }

    private static void pause(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer control(String method, String path, Map<String, String> query) {
        switch (path) {
            case "/_fake/targets" -> {
                ObjectNode out = JSON.createObjectNode();
                ArrayNode list = out.putArray("targets");
                targets.forEach((key, record) -> {
                    ObjectNode row = list.addObject();
                    int slash = key.indexOf('/');
                    row.put("platform", key.substring(0, slash));
                    row.put("marker", key.substring(slash + 1));
                    synchronized (record) {
                        row.put("first_request_ms", record.firstRequestMs);
                        row.put("live_posts", record.livePosts);
                        row.put("requests", record.requests);
                    }
                });
                ObjectNode requests = out.putObject("requests_by_platform");
                requestsByPlatform.forEach((platform, count) -> requests.put(platform, count.get()));
                out.put("unexpected_requests", unexpected.get());
                ObjectNode injected = out.putObject("faults");
                faults.forEach((fault, count) -> injected.put(fault, count.get()));
                out.put("requests_before_rate_limit_reset", requestsBeforeReset.get());
                return Answer.json(out);
            }
            case "/_fake/webhooks" -> {
                ObjectNode out = JSON.createObjectNode();
                ArrayNode list = out.putArray("events");
                hooks.forEach((id, hook) -> list.addObject().put("id", id).put("type", hook.type())
                        .put("target_id", hook.targetId()).put("deliveries", hook.deliveries().get()));
                return Answer.json(out);
            }
            case "/_fake/chaos" -> {
                chaosRate = Double.parseDouble(query.getOrDefault("rate", "0"));
                chaosSlowMs = Long.parseLong(query.getOrDefault("slow_ms", "5000"));
                return Answer.json(Map.of("rate", chaosRate, "slow_ms", chaosSlowMs));
            }
            case "/_fake/reset" -> {
                chaosRate = 0;
                faults.clear();
                rateLimitedUntil.clear();
                requestsBeforeReset.set(0);
                targets.clear();
                hooks.clear();
                postsByAccount.clear();
                pending.clear();
                requestsByPlatform.clear();
                unexpected.set(0);
                latencyMs.clear();
                maxLatencyMs.clear();
                return Answer.json(Map.of("reset", true));
            }
            case "/_fake/latency" -> {
                String platform = query.get("platform");
                boolean all = "all".equals(platform);
                if (!"POST".equals(method) || !(all || PLATFORMS.contains(platform)) || query.get("ms") == null) {
                    String usage = "POST /_fake/latency?platform=<key|all>&ms=<n>[&max_ms=<n>]";
                    return new Answer(400, Map.of("error", usage), Map.of());
                }
                long ms = Long.parseLong(query.get("ms"));
                long max = query.get("max_ms") == null ? ms : Long.parseLong(query.get("max_ms"));
                for (String key : all ? PLATFORMS : List.of(platform)) {
                    latencyMs.put(key, ms);
                    maxLatencyMs.put(key, max);
                }
                return Answer.json(Map.of("platform", platform, "ms", ms, "max_ms", max));
            }
            default -> {
                return new Answer(404, Map.of("error", "unknown control " + path), Map.of());
            }
        }
    }

    // ---- bookkeeping ------------------------------------------------------------------------------------------------

    /** Notes a request that carries a target's text; returns the key it counts under. */
    private String seen(String platform, String text) {
        String key = platform + "/" + markerOf(text);
        TargetRecord record = targets.computeIfAbsent(key, k -> new TargetRecord(System.currentTimeMillis()));
        synchronized (record) {
            record.requests++;
        }
        return key;
    }

    static String markerOf(String text) {
        Matcher m = MARKER.matcher(text == null ? "" : text);
        return m.find() ? m.group(1) : "text-" + Integer.toHexString((text == null ? "" : text).hashCode());
    }

    private LivePost goLive(String platform, String account, String text) {
        String key = seen(platform, text);
        TargetRecord record = targets.get(key);
        synchronized (record) {
            record.livePosts++;
        }
        LivePost post = new LivePost(Long.toString(ids.incrementAndGet()), account, text, System.currentTimeMillis());
        postsByAccount.computeIfAbsent(platform + "/" + account, k -> java.util.Collections.synchronizedList(
                new ArrayList<>())).add(post);
        return post;
    }

    private List<LivePost> postsOf(String platform, String account) {
        List<LivePost> posts = postsByAccount.getOrDefault(platform + "/" + account, List.of());
        synchronized (posts) {
            return new ArrayList<>(posts);
        }
    }

    private String newId(String prefix) {
        return prefix + ids.incrementAndGet();
    }

    // ---- who a token belongs to ----------------------------------------------------------------------------------------

    /**
     * The identity calls the service makes to check a token a platform refused: every token the fake handed out is
     * alive, so they answer with the account (chaos strikes them like any other call).
     */
    private static Answer identity(Request r) {
        if (!r.method().equals("GET")) {
            return null;
        }
        String account = "acct-" + Integer.toHexString(r.bearer().hashCode());
        return switch (r.platform() + " " + r.path()) {
            case "x /2/users/me" -> Answer.json(Map.of("data", Map.of("id", account, "username", account)));
            case "linkedin /v2/userinfo" -> Answer.json(Map.of("sub", account, "name", account));
            case "facebook /me", "instagram /me" -> Answer.json(Map.of("id", account));
            case "tiktok /v2/user/info/" -> Answer.json(Map.of("data", Map.of("user", Map.of("open_id", account)),
                                                               "error", Map.of("code", "ok", "message", "")));
            default -> null;
        };
    }

    // ---- X ----------------------------------------------------------------------------------------------------------

    private Answer x(Request r) {
        if (r.method().equals("POST") && r.path().equals("/2/tweets")) {
            LivePost post = goLive("x", r.bearer(), r.body().path("text").asText(""));
            return new Answer(201, Map.of("data", Map.of("id", post.id(), "text", post.text())), Map.of());
        }
        if (r.method().equals("POST") && r.path().equals("/2/media/upload/initialize")) {
            return Answer.json(Map.of("data", Map.of("id", newId(""), "media_key", "3_" + ids.get())));
        }
        if (r.method().equals("POST") && r.path().matches("/2/media/upload/[^/]+/(append|finalize)")) {
            String id = r.path().split("/")[4];
            return r.path().endsWith("append") ? new Answer(204, null, Map.of())
                    : Answer.json(Map.of("data", Map.of("id", id)));
        }
        Matcher timeline = Pattern.compile("/2/users/([^/]+)/tweets").matcher(r.path());
        if (r.method().equals("GET") && timeline.matches()) {
            List<Map<String, String>> data = new ArrayList<>();
            for (LivePost post : postsOf("x", r.bearer()).reversed()) {
                data.add(Map.of("id", post.id(), "text", post.text(),
                                "created_at", java.time.Instant.ofEpochMilli(post.createdMs()).toString()));
            }
            return Answer.json(data.isEmpty() ? Map.of("meta", Map.of("result_count", 0))
                                       : Map.of("data", data, "meta", Map.of("result_count", data.size())));
        }
        return null;
    }

    // ---- LinkedIn ---------------------------------------------------------------------------------------------------

    private Answer linkedIn(Request r) {
        if (r.method().equals("POST") && r.path().equals("/rest/posts")) {
            String author = r.body().path("author").asText("");
            String text = r.body().path("commentary").asText("");
            for (LivePost post : postsOf("linkedin", author)) {
                if (post.text().equals(text)) {
                    seen("linkedin", text);
                    return new Answer(422, Map.of(
                            "message", "com.linkedin.content.common.exception.BadRequestResponseException: Content"
                                       + " is a duplicate of urn:li:share:" + post.id(),
                            "errorDetails", Map.of("inputErrors", List.of(Map.of(
                                    "description", "Duplicate post is detected", "input", Map.of(),
                                    "code", "DUPLICATE_POST"))),
                            "status", 422), Map.of());
                }
            }
            LivePost post = goLive("linkedin", author, text);
            return new Answer(201, null, Map.of("x-restli-id", "urn:li:share:" + post.id()));
        }
        return null;
    }

    // ---- Facebook Pages ---------------------------------------------------------------------------------------------

    private Answer facebook(Request r) {
        Matcher m = Pattern.compile("/([^/]+)/(feed|photos|videos|published_posts)").matcher(r.path());
        if (!m.matches()) {
            return null;
        }
        String page = m.group(1);
        switch (m.group(2)) {
            case "feed" -> {
                LivePost post = goLive("facebook", page, r.body().path("message").asText(""));
                return Answer.json(Map.of("id", page + "_" + post.id()));
            }
            case "photos" -> {
                if (!r.body().path("published").asBoolean(true)) {
                    return Answer.json(Map.of("id", newId("")));
                }
                LivePost post = goLive("facebook", page, r.body().path("message").asText(""));
                return Answer.json(Map.of("id", newId(""), "post_id", page + "_" + post.id()));
            }
            case "videos" -> {
                LivePost post = goLive("facebook", page, r.body().path("description").asText(""));
                return Answer.json(Map.of("id", post.id()));
            }
            default -> {
                List<Map<String, String>> data = new ArrayList<>();
                for (LivePost post : postsOf("facebook", page).reversed()) {
                    data.add(Map.of("id", page + "_" + post.id(), "message", post.text(),
                                    "permalink_url", "https://www.facebook.com/" + page + "_" + post.id()));
                }
                return Answer.json(Map.of("data", data));
            }
        }
    }

    // ---- Instagram --------------------------------------------------------------------------------------------------

    private Answer instagram(Request r) {
        String[] segments = r.path().substring(1).split("/");
        if (r.method().equals("POST") && segments.length == 2 && segments[1].equals("media")) {
            String caption = r.body().path("caption").asText(null);
            if (caption != null) {
                seen("instagram", caption);
            }
            String id = newId("c");
            pending.put("instagram/" + id, new Pending(segments[0], caption, "FINISHED"));
            return Answer.json(Map.of("id", id));
        }
        if (r.method().equals("POST") && segments.length == 2 && segments[1].equals("media_publish")) {
            Pending container = pending.get("instagram/" + r.body().path("creation_id").asText(""));
            if (container == null) {
                return new Answer(400, Map.of("error", Map.of("message", "Invalid creation_id", "code", 100)),
                                  Map.of());
            }
            synchronized (container) {
                if (container.mediaId == null) {
                    container.mediaId = goLive("instagram", segments[0], container.text).id();
                    container.status = "PUBLISHED";
                }
                return Answer.json(Map.of("id", container.mediaId));
            }
        }
        if (r.method().equals("GET") && segments.length == 2 && segments[1].equals("content_publishing_limit")) {
            return Answer.json(Map.of("data", List.of(Map.of("quota_usage", 0, "config", Map.of(
                    "quota_total", 100, "quota_duration", 86_400)))));
        }
        if (r.method().equals("GET") && segments.length == 2 && segments[1].equals("media")) {
            List<Map<String, String>> data = new ArrayList<>();
            for (LivePost post : postsOf("instagram", segments[0]).reversed()) {
                data.add(Map.of("id", post.id(), "caption", post.text(),
                                "permalink", "https://www.instagram.com/p/" + post.id() + "/"));
            }
            return Answer.json(Map.of("data", data));
        }
        if (r.method().equals("GET") && segments.length == 1) {
            Pending container = pending.get("instagram/" + segments[0]);
            if (container != null) {
                synchronized (container) {
                    return Answer.json(Map.of("id", segments[0], "status_code", container.status,
                                              "status", container.status));
                }
            }
            return Answer.json(Map.of("id", segments[0], "permalink",
                                      "https://www.instagram.com/p/" + segments[0] + "/"));
        }
        return null;
    }

    // ---- TikTok -----------------------------------------------------------------------------------------------------

    private Answer tikTok(Request r) {
        Map<String, Object> ok = Map.of("code", "ok", "message", "", "log_id", "fake");
        switch (r.path()) {
            case "/v2/post/publish/creator_info/query/" -> {
                return Answer.json(Map.of("data", Map.of(
                        "creator_username", "creator_" + Integer.toHexString(r.bearer().hashCode()),
                        "creator_nickname", "Creator", "privacy_level_options",
                        List.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"),
                        "max_video_post_duration_sec", 600), "error", ok));
            }
            case "/v2/post/publish/video/init/", "/v2/post/publish/content/init/" -> {
                JsonNode info = r.body().path("post_info");
                String text = info.has("description") ? info.path("description").asText("")
                        : info.path("title").asText("");
                String publishId = newId("v_pub_url~");
                Pending publish = new Pending(r.bearer(), text, "PUBLISH_COMPLETE");
                publish.mediaId = goLive("tiktok", r.bearer(), text).id();
                pending.put("tiktok/" + publishId, publish);
                return Answer.json(Map.of("data", Map.of("publish_id", publishId), "error", ok));
            }
            case "/v2/post/publish/status/fetch/" -> {
                Pending publish = pending.get("tiktok/" + r.body().path("publish_id").asText(""));
                if (publish == null) {
                    return new Answer(400, Map.of("error", Map.of("code", "invalid_params", "message",
                                                                  "publish_id not found", "log_id", "fake")),
                                      Map.of());
                }
                return Answer.json(Map.of("data", Map.of("status", publish.status, "publicaly_available_post_id",
                                                         List.of(Long.parseLong(publish.mediaId))), "error", ok));
            }
            default -> {
                return null;
            }
        }
    }

    // ---- HTTP plumbing ----------------------------------------------------------------------------------------------

    private static JsonNode readJson(byte[] raw, String contentType) {
        if (raw.length == 0 || contentType == null || !contentType.contains("json")) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
