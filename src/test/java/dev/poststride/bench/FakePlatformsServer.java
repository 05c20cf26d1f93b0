package dev.poststride.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.poststride.platforms.FakeAnswer;
import dev.poststride.platforms.FakeRequest;
import dev.poststride.platforms.FakeWorld;
import dev.poststride.platforms.PlatformFake;
import dev.poststride.platforms.facebook.FacebookFake;
import dev.poststride.platforms.instagram.InstagramFake;
import dev.poststride.platforms.linkedin.LinkedInFake;
import dev.poststride.platforms.threads.ThreadsFake;
import dev.poststride.platforms.tiktok.TikTokFake;
import dev.poststride.platforms.x.XFake;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
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
 * The platforms as one process for the benchmark harness (and the kill, chaos and webhook suites): each module's
 * fake ({@code platforms/<key>/<Name>Fake}, the one definition the dev sandbox serves too) under {@code /<key>},
 * sharing one {@link FakeWorld}, so timeline, container and publish-id look-ups answer truthfully. Around them this
 * server adds what only a benchmark wants: a latency per platform (changeable at run time), injected faults, and a
 * record per target (the {@code bench:KEY} marker in the text) of when its first request arrived and how many live
 * posts it produced.
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
    private final Map<String, AtomicLong> requestsByPlatform = new ConcurrentHashMap<>();
    private final AtomicLong unexpected = new AtomicLong();
    /** Webhooks received at {@code /_hooks/...}: per event id, its type, target and how many times it came. */
    private final Map<String, HookRecord> hooks = new ConcurrentHashMap<>();

    private record HookRecord(String type, String targetId, AtomicLong deliveries) {
    }

    /** Each platform's fake from its module, by path prefix. */
    private final Map<String, PlatformFake> fakes = new HashMap<>();
    private final FakeWorld world;

    FakePlatformsServer(long defaultLatencyMs, String baseUrl) {
        this.defaultLatencyMs = defaultLatencyMs;
        for (PlatformFake fake : List.of(new XFake(), new LinkedInFake(), new FacebookFake(), new InstagramFake(),
                                         new TikTokFake(), new ThreadsFake())) {
            fake.prefixes().forEach(prefix -> fakes.put(prefix, fake));
        }
        this.world = new FakeWorld(baseUrl, new FakeWorld.Listener() {
            @Override
            public void sent(String platform, String text) {
                seen(platform, text);
            }

            @Override
            public void live(String platform, String text) {
                TargetRecord record = targets.get(platform + "/" + markerOf(text));
                synchronized (record) {
                    record.livePosts++;
                }
            }
        });
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 50;
        FakePlatformsServer fake = new FakePlatformsServer(latency, "http://127.0.0.1:" + port);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", fake::handle);
        server.start();
        System.out.println("fake platforms listening on 127.0.0.1:" + port + ", latency " + latency + " ms");
    }

    // ---- dispatch ---------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String fullPath = exchange.getRequestURI().getRawPath();
            Map<String, String> query = FakeRequest.decode(exchange.getRequestURI().getRawQuery());
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
                send(exchange, FakeAnswer.empty(204));
                return;
            }
            String[] parts = fullPath.split("/", 3);
            String platform = parts.length > 1 ? parts[1] : "";
            String path = parts.length > 2 ? "/" + parts[2] : "/";
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
            FakeRequest request = new FakeRequest(exchange.getRequestMethod(), path, query, headers,
                                                  exchange.getRequestBody().readAllBytes());
            String bearer = request.bearer();
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
            PlatformFake fake = fakes.get(platform);
            FakeAnswer answer = fake == null ? null : fake.answer(platform, request, world);
            if (answer == null) {
                unexpected.incrementAndGet();
                answer = FakeAnswer.json(404, Map.of("error", "no fake for " + request.method() + " " + fullPath));
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
    private FakeAnswer before(Fault fault, String bearer) {
        return switch (fault) {
            case RATE_LIMITED -> {
                long reset = System.currentTimeMillis() / 1000 + 2;
                rateLimitedUntil.put("x/" + bearer, reset * 1000);
                yield new FakeAnswer(429, Map.of("title", "Too Many Requests", "detail", "Too Many Requests",
                                             "type", "about:blank", "status", 429),
                                 Map.of("x-rate-limit-limit", "100", "x-rate-limit-remaining", "0",
                                        "x-rate-limit-reset", Long.toString(reset)));
            }
            case UNAUTHORIZED -> new FakeAnswer(401, Map.of("title", "Unauthorized", "status", 401,
                                                        "error", Map.of("message", "Invalid OAuth access token.",
                                                                        "type", "OAuthException", "code", 190)),
                                            Map.of());
            default -> new FakeAnswer(503, Map.of("title", "Service Unavailable", "status", 503,
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

    private FakeAnswer control(String method, String path, Map<String, String> query) {
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
                return FakeAnswer.json(out);
            }
            case "/_fake/webhooks" -> {
                ObjectNode out = JSON.createObjectNode();
                ArrayNode list = out.putArray("events");
                hooks.forEach((id, hook) -> list.addObject().put("id", id).put("type", hook.type())
                        .put("target_id", hook.targetId()).put("deliveries", hook.deliveries().get()));
                return FakeAnswer.json(out);
            }
            case "/_fake/chaos" -> {
                chaosRate = Double.parseDouble(query.getOrDefault("rate", "0"));
                chaosSlowMs = Long.parseLong(query.getOrDefault("slow_ms", "5000"));
                return FakeAnswer.json(Map.of("rate", chaosRate, "slow_ms", chaosSlowMs));
            }
            case "/_fake/reset" -> {
                chaosRate = 0;
                faults.clear();
                rateLimitedUntil.clear();
                requestsBeforeReset.set(0);
                targets.clear();
                hooks.clear();
                world.reset();
                requestsByPlatform.clear();
                unexpected.set(0);
                latencyMs.clear();
                maxLatencyMs.clear();
                return FakeAnswer.json(Map.of("reset", true));
            }
            case "/_fake/latency" -> {
                String platform = query.get("platform");
                boolean all = "all".equals(platform);
                if (!"POST".equals(method) || !(all || fakes.containsKey(platform)) || query.get("ms") == null) {
                    String usage = "POST /_fake/latency?platform=<key|all>&ms=<n>[&max_ms=<n>]";
                    return new FakeAnswer(400, Map.of("error", usage), Map.of());
                }
                long ms = Long.parseLong(query.get("ms"));
                long max = query.get("max_ms") == null ? ms : Long.parseLong(query.get("max_ms"));
                for (String key : all ? fakes.keySet() : java.util.Set.of(platform)) {
                    latencyMs.put(key, ms);
                    maxLatencyMs.put(key, max);
                }
                return FakeAnswer.json(Map.of("platform", platform, "ms", ms, "max_ms", max));
            }
            default -> {
                return new FakeAnswer(404, Map.of("error", "unknown control " + path), Map.of());
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

    private static void send(HttpExchange exchange, FakeAnswer answer) throws IOException {
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
