package dev.poststride.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.bench.BenchData.SeedPost;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Scenarios 3 (burst), 4 (idle system) and 5 (head-of-line). Lateness is measured by the fakes: the time the first
 * request for a target arrived minus the target's {@code scheduled_at}, not the service's own {@code published_at}.
 */
final class PublisherScenarios {

    private static final List<String> TEXT_PLATFORMS = List.of("x", "linkedin", "facebook");
    private static final double FAKE_LATENCY_S = 0.050;
    private static final int MAX_CONCURRENT = 64;

    /** An account holder: a user and one connection per platform. */
    private record Account(UUID user, Map<String, UUID> connections, UUID media) {
    }

    /** What the fakes saw of a set of due targets. */
    private record Watched(int expected, int published, int duplicates, List<Double> latenessS, double lastFirstS,
                           double cpuSeconds, List<Double> cpuPerInstance, long requests, long unexpected) {
        boolean drained() {
            return published == expected;
        }

        double publishesPerSecond() {
            return lastFirstS > 0 ? published / lastFirstS : Double.NaN;
        }
    }

    private final Bench bench;
    private final Random random = new Random(20261201);
    private int accounts;
    private int round;

    PublisherScenarios(Bench bench) {
        this.bench = bench;
    }

    private BenchOptions options() {
        return bench.options;
    }

    // ---- 3. burst ---------------------------------------------------------------------------------------------------

    void burst() throws Exception {
        int targets = options().size(10_000, 30);
        int postsPerAccount = options().size(10, 5);
        List<Account> text = accounts((int) Math.ceil(targets / (double) (TEXT_PLATFORMS.size() * postsPerAccount)),
                                      TEXT_PLATFORMS, false);
        List<Account> media = accounts(options().size(50, 2), List.of("instagram", "tiktok"), true);
        Duration cap = Duration.ofSeconds(options().size(60, 40));
        Report report = bench.report;
        bench.section("## 3. Publisher burst");
        report.line(String.format("Text targets on X, LinkedIn and Facebook (one create call each) over %,d"
                                  + " connections, %d posts per account, all due at the same second; media targets"
                                  + " (Instagram image: container, status, media_publish, permalink; TikTok photo:"
                                  + " creator_info, init, status) separately. Fakes at 50 ms, `max-concurrent` %d,"
                                  + " per platform %d. Each"
                                  + " run stops at %d s after the due second (cap) if not drained by then. Ceiling ="
                                  + " instances × concurrency ÷ (calls per publish × 50 ms).",
                                  text.size() * TEXT_PLATFORMS.size(), postsPerAccount, MAX_CONCURRENT, MAX_CONCURRENT,
                                  cap.toSeconds()));
        report.line("");
        Map<String, List<Watched>> results = new LinkedHashMap<>();
        List<Double> scaling = new ArrayList<>();
        List<String> cpuSplit = new ArrayList<>();
        for (int run = 0; run < options().runs(); run++) {
            Watched one = dueAtOnce(text, postsPerAccount, TEXT_PLATFORMS, 1, cap);
            Watched two = dueAtOnce(text, postsPerAccount, TEXT_PLATFORMS, 2, cap);
            Watched withMedia = dueAtOnce(media, postsPerAccount, List.of("instagram", "tiktok"), 1, cap);
            results.computeIfAbsent("text, 1 instance", k -> new ArrayList<>()).add(one);
            results.computeIfAbsent("text, 2 instances", k -> new ArrayList<>()).add(two);
            results.computeIfAbsent("media, 1 instance", k -> new ArrayList<>()).add(withMedia);
            scaling.add(two.publishesPerSecond() / one.publishesPerSecond());
            cpuSplit.add(Stats.fmt("%.0f", 100 * two.cpuPerInstance().get(0) / two.cpuSeconds()) + "/"
                         + Stats.fmt("%.0f", 100 * two.cpuPerInstance().get(1) / two.cpuSeconds()));
        }
        Map<String, Double> ceilings = Map.of("text, 1 instance", MAX_CONCURRENT / (1 * FAKE_LATENCY_S),
                                              "text, 2 instances", 2 * MAX_CONCURRENT / (1 * FAKE_LATENCY_S),
                                              "media, 1 instance", MAX_CONCURRENT / (3.5 * FAKE_LATENCY_S));
        List<List<String>> rows = new ArrayList<>();
        results.forEach((kind, runs) -> {
            double ceiling = ceilings.get(kind);
            rows.add(List.of(kind, Integer.toString(runs.getFirst().expected()),
                             Stats.spread(field(runs, w -> (double) w.published()), "%.0f"),
                             Stats.spread(field(runs, w -> w.drained() ? w.lastFirstS() : Double.NaN), "%.1f"),
                             Stats.spread(field(runs, Watched::publishesPerSecond), "%.1f"),
                             Stats.spread(field(runs, w -> Stats.median(w.latenessS())), "%.2f"),
                             Stats.spread(field(runs, w -> Stats.percentile(w.latenessS(), 99)), "%.2f"),
                             Stats.spread(field(runs, w -> Stats.max(w.latenessS())), "%.2f"),
                             Stats.spread(field(runs, w -> w.cpuSeconds() / w.published()), "%.4f"),
                             Stats.spread(field(runs, w -> (double) w.requests() / w.published()), "%.2f"),
                             Stats.fmt("%.0f", ceiling),
                             Stats.spread(field(runs, w -> w.publishesPerSecond() / ceiling), "%.3f"),
                             Integer.toString(runs.stream().mapToInt(Watched::duplicates).sum())));
        });
        report.table(List.of("burst", "targets", "published by cap", "drain (s)", "publishes/s", "lateness p50 (s)",
                             "p99 (s)", "max (s)", "CPU s/publish", "calls/publish", "ceiling/s", "÷ ceiling",
                             "duplicates"), rows);
        report.line("2 instances ÷ 1, publishes/s paired per run: " + Stats.spread(scaling, "%.2f")
                    + "; CPU split between the two instances (%): " + String.join(", ", cpuSplit) + ". Drain is —"
                    + " where a run hit the cap; publishes/s is then the rate until the last target published.");
    }

    /** Seeds posts for every account due at one second, runs {@code instances} services until drained or capped. */
    private Watched dueAtOnce(List<Account> holders, int postsPerAccount, List<String> platforms, int instances,
                              Duration cap) throws Exception {
        round++;
        bench.fakeControl("POST", "/_fake/reset");
        List<ServiceProcess> services = startServices(instances);
        try {
            Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(options().size(6, 3));
            List<SeedPost> posts = new ArrayList<>();
            Map<String, Instant> expected = new HashMap<>();
            for (int a = 0; a < holders.size(); a++) {
                Account account = holders.get(a);
                for (int p = 0; p < postsPerAccount; p++) {
                    String marker = "r" + round + "-a" + a + "-p" + p;
                    List<UUID> connections = platforms.stream().map(account.connections()::get).toList();
                    posts.add(new SeedPost(account.user(), marker, due, "scheduled", connections,
                                           account.media() == null ? List.of() : List.of(account.media())));
                    platforms.forEach(platform -> expected.put(platform + "/" + marker, due));
                }
            }
            bench.data.posts(posts);
            return watch(expected, due, cap, services, true);
        } finally {
            Bench.stopAll(services);
            bench.data.deletePostsOf(holders.stream().map(Account::user).toList());
        }
    }

    // ---- 4. idle system ---------------------------------------------------------------------------------------------

    void idle() throws Exception {
        int posts = options().size(200, 10);
        Duration window = Duration.ofSeconds(options().size(120, 5));
        List<Account> holders = accounts(20, TEXT_PLATFORMS, false);
        bench.section("## 4. Publisher on an idle system");
        List<Watched> runs = new ArrayList<>();
        for (int run = 0; run < options().runs(); run++) {
            runs.add(spread(holders, posts, window));
        }
        Report report = bench.report;
        report.line(String.format("%d single-target text posts (X, LinkedIn or Facebook at random) due at random"
                                  + " moments over %d s, one instance, fakes at 50 ms.", posts, window.toSeconds()));
        report.line("");
        report.table(List.of("published", "lateness p50 (s)", "p99 (s)", "max (s)", "duplicates"), List.of(List.of(
                Stats.spread(field(runs, w -> (double) w.published()), "%.0f") + " of " + posts,
                Stats.spread(field(runs, w -> Stats.median(w.latenessS())), "%.2f"),
                Stats.spread(field(runs, w -> Stats.percentile(w.latenessS(), 99)), "%.2f"),
                Stats.spread(field(runs, w -> Stats.max(w.latenessS())), "%.2f"),
                Integer.toString(runs.stream().mapToInt(Watched::duplicates).sum()))));
        report.line("Target (the publishing engine's issue): p99 under 1 s.");
    }

    // ---- 5. head-of-line --------------------------------------------------------------------------------------------

    void headOfLine() throws Exception {
        long hangMs = options().size(60_000, 3_000);
        int hung = options().size(10, 3);
        int others = options().size(40, 6);
        Duration window = Duration.ofMillis(hangMs);
        List<Account> holders = accounts(20, TEXT_PLATFORMS, false);
        bench.section("## 5. Head-of-line");
        List<Watched> runs = new ArrayList<>();
        List<Double> xPublished = new ArrayList<>();
        for (int run = 0; run < options().runs(); run++) {
            round++;
            bench.fakeControl("POST", "/_fake/reset");
            bench.fakeControl("POST", "/_fake/latency?platform=x&ms=" + hangMs);
            List<ServiceProcess> services = startServices(1);
            try {
                Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(options().size(6, 3));
                List<SeedPost> posts = new ArrayList<>();
                Map<String, Instant> watched = new HashMap<>();
                for (int i = 0; i < hung; i++) {
                    Account account = holders.get(i % holders.size());
                    posts.add(new SeedPost(account.user(), "h" + round + "-x" + i, start, "scheduled",
                                           List.of(account.connections().get("x")), List.of()));
                }
                for (int i = 0; i < others; i++) {
                    Account account = holders.get(i % holders.size());
                    String platform = i % 2 == 0 ? "linkedin" : "facebook";
                    Instant due = start.plusMillis(1000 + (long) (random.nextDouble() * (window.toMillis() - 1000)));
                    String marker = "h" + round + "-o" + i;
                    posts.add(new SeedPost(account.user(), marker, due, "scheduled",
                                           List.of(account.connections().get(platform)), List.of()));
                    watched.put(platform + "/" + marker, due);
                }
                bench.data.posts(posts);
                Watched result = watch(watched, start.plus(window), Duration.ofSeconds(options().size(60, 30)),
                                       services, false);
                runs.add(result);
                JsonNode seen = bench.fakeControl("GET", "/_fake/targets");
                double x = 0;
                for (JsonNode target : seen.path("targets")) {
                    if (target.path("platform").asText().equals("x") && target.path("live_posts").asInt() > 0) {
                        x++;
                    }
                }
                xPublished.add(x);
            } finally {
                bench.fakeControl("POST", "/_fake/latency?platform=x&ms=50");
                Bench.stopAll(services);
                bench.data.deletePostsOf(holders.stream().map(Account::user).toList());
            }
        }
        Report report = bench.report;
        report.line(String.format("X's fake answers after %d s; %d X targets fall due first, then %d LinkedIn and"
                                  + " Facebook targets at random moments over the next %d s (fakes at 50 ms). The"
                                  + " lateness is that of the LinkedIn and Facebook targets.", hangMs / 1000, hung,
                                  others, window.toSeconds()));
        report.line("");
        report.table(List.of("others published", "lateness p50 (s)", "p99 (s)", "max (s)",
                             "X targets live by the end"), List.of(List.of(
                Stats.spread(field(runs, w -> (double) w.published()), "%.0f") + " of " + others,
                Stats.spread(field(runs, w -> Stats.median(w.latenessS())), "%.2f"),
                Stats.spread(field(runs, w -> Stats.percentile(w.latenessS(), 99)), "%.2f"),
                Stats.spread(field(runs, w -> Stats.max(w.latenessS())), "%.2f"),
                Stats.spread(xPublished, "%.0f") + " of " + hung)));
        report.line("Target (the publishing engine's issue): the other platforms' p99 under 1 s.");
    }

    // ---- shared moves -----------------------------------------------------------------------------------------------

    /** {@code posts} single-target posts due at random moments over {@code window}; watched until published. */
    private Watched spread(List<Account> holders, int posts, Duration window) throws Exception {
        round++;
        bench.fakeControl("POST", "/_fake/reset");
        List<ServiceProcess> services = startServices(1);
        try {
            Instant start = Instant.now().plusSeconds(options().size(6, 3));
            List<SeedPost> seeds = new ArrayList<>();
            Map<String, Instant> expected = new HashMap<>();
            Instant last = start;
            for (int i = 0; i < posts; i++) {
                Account account = holders.get(i % holders.size());
                String platform = TEXT_PLATFORMS.get(random.nextInt(TEXT_PLATFORMS.size()));
                Instant due = start.plusMillis((long) (random.nextDouble() * window.toMillis()));
                last = due.isAfter(last) ? due : last;
                String marker = "i" + round + "-" + i;
                seeds.add(new SeedPost(account.user(), marker, due, "scheduled",
                                       List.of(account.connections().get(platform)), List.of()));
                expected.put(platform + "/" + marker, due);
            }
            bench.data.posts(seeds);
            return watch(expected, last, Duration.ofSeconds(options().size(60, 30)), services, true);
        } finally {
            Bench.stopAll(services);
            bench.data.deletePostsOf(holders.stream().map(Account::user).toList());
        }
    }

    /**
     * Polls the fakes until every expected target produced a post or {@code cap} has passed since {@code lastDue}.
     * With {@code strict}, a target posted twice or a request the fakes did not expect fails the run.
     */
    private Watched watch(Map<String, Instant> expected, Instant lastDue, Duration cap, List<ServiceProcess> services,
                          boolean strict) throws Exception {
        List<Double> cpuBefore = new ArrayList<>();
        for (ServiceProcess s : services) {
            cpuBefore.add(s.cpuSeconds());
        }
        Instant firstDue = expected.values().stream().min(Instant::compareTo).orElseThrow();
        JsonNode seen;
        while (true) {
            Thread.sleep(250);
            seen = bench.fakeControl("GET", "/_fake/targets");
            int done = 0;
            for (JsonNode target : seen.path("targets")) {
                String key = target.path("platform").asText() + "/" + target.path("marker").asText();
                if (expected.containsKey(key) && target.path("live_posts").asInt() > 0) {
                    done++;
                }
            }
            if (done == expected.size() || Instant.now().isAfter(lastDue.plus(cap))) {
                break;
            }
        }
        List<Double> cpu = new ArrayList<>();
        double cpuTotal = 0;
        for (int i = 0; i < services.size(); i++) {
            double used = services.get(i).cpuSeconds() - cpuBefore.get(i);
            cpu.add(used);
            cpuTotal += used;
        }
        List<Double> lateness = new ArrayList<>();
        int published = 0;
        int duplicates = 0;
        double lastFirst = 0;
        for (JsonNode target : seen.path("targets")) {
            String key = target.path("platform").asText() + "/" + target.path("marker").asText();
            Instant due = expected.get(key);
            if (due == null || target.path("live_posts").asInt() == 0) {
                continue;
            }
            published++;
            duplicates += Math.max(0, target.path("live_posts").asInt() - 1);
            long first = target.path("first_request_ms").asLong();
            lateness.add((first - due.toEpochMilli()) / 1000.0);
            lastFirst = Math.max(lastFirst, (first - firstDue.toEpochMilli()) / 1000.0);
        }
        long requests = 0;
        for (JsonNode count : seen.path("requests_by_platform")) {
            requests += count.asLong();
        }
        long unexpected = seen.path("unexpected_requests").asLong();
        if (strict && duplicates > 0) {
            bench.report.fail(duplicates + " duplicate posts at the fakes (round " + round + ")");
        }
        if (unexpected > 0) {
            bench.report.fail(unexpected + " requests the fakes did not expect (round " + round + ")");
        }
        if (options().smoke() && published != expected.size()) {
            bench.report.fail("round " + round + ": the fakes received " + published + " of " + expected.size()
                              + " expected posts");
        }
        if (published == 0) {
            bench.report.fail("round " + round + ": nothing was published");
        }
        return new Watched(expected.size(), published, duplicates, lateness, lastFirst, cpuTotal, cpu, requests,
                           unexpected);
    }

    private List<ServiceProcess> startServices(int instances) throws Exception {
        return bench.startReadyInstances(bench.jvm(), instances, Map.of());
    }

    /** {@code count} users, each with one connection per platform (and a JPEG, for platforms that need media). */
    private List<Account> accounts(int count, List<String> platforms, boolean withMedia) throws Exception {
        List<Account> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = ++accounts;
            UUID user = bench.data.user("publisher-" + n + "@bench.invalid");
            Map<String, UUID> connections = new HashMap<>();
            for (String platform : platforms) {
                connections.put(platform, bench.data.connection(user, platform, "9" + (100000 + n)));
            }
            out.add(new Account(user, connections, withMedia ? bench.data.jpeg(user) : null));
        }
        return out;
    }

    private static List<Double> field(List<Watched> runs, java.util.function.Function<Watched, Double> f) {
        return runs.stream().map(f).filter(v -> !Double.isNaN(v)).toList();
    }
}
