package dev.poststride.bench;

import dev.poststride.bench.BenchData.Plan;
import dev.poststride.bench.BenchData.SeedPost;
import dev.poststride.bench.LoadTools.WrkRequest;
import dev.poststride.bench.LoadTools.WrkResult;
import dev.poststride.bench.ServiceProcess.Build;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Scenarios 1 (start-up and footprint), 2 (the API under load, with its ceilings) and 6 (growth). */
final class ApiScenarios {

    /** A user of the API scenarios: who, the connections their posts target, a post of theirs. */
    private record ApiUser(String email, UUID id, List<UUID> connections, UUID somePost) {
    }

    private final Bench bench;
    private final List<Build> builds;
    private final Map<Build, Double> rssAfterLoad = new LinkedHashMap<>();
    private final Map<Build, Double> rssAfterStart = new LinkedHashMap<>();
    private int users;

    ApiScenarios(Bench bench, List<Build> builds) {
        this.bench = bench;
        this.builds = builds;
    }

    private BenchOptions options() {
        return bench.options;
    }

    // ---- 1. start-up and footprint ----------------------------------------------------------------------------------

    void startup() throws Exception {
        Report report = bench.report;
        bench.section("## 1. Start-up and footprint");
        report.line("Cold start as a scale-to-zero platform sees it, against a migrated database: exec → the first"
                    + " 200"
                    + " of `/q/health/ready`, and exec → the first 200 of an authenticated `GET /api/posts?size=20`"
                    + " (a user with 20 posts, logged in before the start, so the first request verifies a token,"
                    + " checks its session and reads a page). Resident memory (VmRSS) right after that first answer,"
                    + " and after " + LOAD_REQUESTS + " more authenticated list calls from 8 clients. Instances run as"
                    + " `deploy/` runs them: the schema migrated by its own step (`POSTSTRIDE_MIGRATE_AT_START=false`),"
                    + " native binaries with the manifests' heap limit (`" + String.join(" ", Bench.NATIVE_HEAP_ARGS)
                    + "`); builds that predate the setting migrate (or check) at start whatever it says.");
        report.line("");
        List<List<String>> rows = new ArrayList<>();
        if (!bench.data.migrated()) {
            try (ServiceProcess first = bench.startService(bench.jvm(), Bench.SERVICE_PORT, Map.of())) {
                double ms = first.awaitReady(Duration.ofSeconds(120));
                rows.add(List.of("JVM, first start (Flyway migrates the empty database)", Stats.fmt("%.0f", ms), "—",
                                 "1", Stats.fmt("%.0f", first.rssMiB()), "—"));
            }
        }
        ApiUser reader = apiUser("cold-start", 20);
        String token;
        try (ServiceProcess service = bench.startReady(bench.jvm(), Bench.SERVICE_PORT, Map.of())) {
            token = bench.login(service, reader.email());
        }
        List<Build> measured = new ArrayList<>(builds);
        builds.stream().filter(b -> b.nativeBinary() && b.label().equals("native")).findFirst().ifPresent(
                b -> measured.add(new Build("native, migrating at start (the single-container default)", true,
                                            b.executable(), Map.of("POSTSTRIDE_MIGRATE_AT_START", "true"))));
        for (Build build : measured) {
            List<Double> ready = new ArrayList<>();
            List<Double> firstList = new ArrayList<>();
            List<Double> rss = new ArrayList<>();
            List<Double> rssLoaded = new ArrayList<>();
            for (int run = 0; run < Math.max(3, options().runs()); run++) {
                // As deployed (deploy/): the schema was migrated by its own step, so instances do not migrate.
                try (ServiceProcess service = bench.startService(build, Bench.SERVICE_PORT,
                                                                 Map.of("POSTSTRIDE_MIGRATE_AT_START", "false"))) {
                    firstList.add(service.awaitFirstOk("/api/posts?size=20", token, Duration.ofSeconds(120)));
                    ready.add(service.awaitReady(Duration.ofSeconds(60))); // a cap, not a target: a loaded CI host
                    rss.add(service.rssMiB());
                    service.load("/api/posts?size=20", token, 8, LOAD_REQUESTS);
                    rssLoaded.add(service.rssMiB());
                }
            }
            rssAfterStart.put(build, Stats.median(rss));
            rows.add(List.of(build.label(), Stats.spread(ready, "%.0f"), Stats.spread(firstList, "%.0f"),
                             Integer.toString(ready.size()), Stats.spread(rss, "%.0f"),
                             Stats.spread(rssLoaded, "%.0f")));
        }
        report.table(List.of("runtime", "exec → ready (ms)", "exec → first authenticated list (ms)", "starts",
                             "RSS after the first answer (MiB)", "RSS after " + LOAD_REQUESTS + " requests (MiB)"),
                     rows);
        report.line("The readiness figure is taken after the first list answered, so it is the later of the two"
                    + " moments; the probe itself answers as soon as the database does.");
    }

    private static final int LOAD_REQUESTS = 200;

    // ---- 2. the API at 32 connections -------------------------------------------------------------------------

    void throughput() throws Exception {
        int seconds = options().size(10, 1);
        ApiUser twenty = apiUser("api-20", 20);
        ApiUser thousand = apiUser("api-1000", options().size(1000, 50));
        ApiUser writer = apiUser("api-writer", 0);
        ApiUser login = apiUser("api-login", 0);
        bench.data.vacuum();
        LoadTools.pgbenchInit(options());
        Report report = bench.report;
        bench.section("## 2. API at 32 connections");
        report.line("wrk, 2 threads, " + seconds + " s per measurement, " + options().runs() + " runs; the ceilings are"
                    + " measured in the same run: the same server's `/q/health/live` under the same load, and"
                    + " `pgbench -S -c32 -j2` on the same database. Each post in the lists has 2 targets and 2 media;"
                    + " `20 posts` and `1,000 posts` alternate order from run to run. Latencies in ms.");
        for (Build build : builds) {
            Map<String, List<WrkResult>> results = new LinkedHashMap<>();
            Map<String, List<Double>> perHealth = new LinkedHashMap<>();
            Map<String, List<Double>> perPgbench = new LinkedHashMap<>();
            List<Double> pgbench = new ArrayList<>();
            List<Double> listRatio = new ArrayList<>();
            try (ServiceProcess service = bench.startReady(build, Bench.SERVICE_PORT, Map.of())) {
                String base = service.baseUrl();
                String tokenTwenty = bench.login(service, twenty.email());
                String tokenThousand = bench.login(service, thousand.email());
                String tokenWriter = bench.login(service, writer.email());
                String create = "{\"content\":\"Written by wrk bench:create\",\"scheduled_at\":"
                                + "\"2031-01-01T09:00:00Z\",\"targets\":[{\"connection_id\":\""
                                + writer.connections().get(0) + "\"},{\"connection_id\":\""
                                + writer.connections().get(1) + "\"}]}";
                String loginBody = "{\"email\":\"" + login.email() + "\",\"password\":\"" + BenchData.PASSWORD + "\"}";
                List<WrkRequest> measured = List.of(
                        WrkRequest.get(base + "/q/health/live", null),
                        WrkRequest.get(base + "/api/posts?size=20", tokenTwenty),
                        WrkRequest.get(base + "/api/posts?size=20", tokenThousand),
                        WrkRequest.get(base + "/api/posts/" + twenty.somePost(), tokenTwenty),
                        new WrkRequest("POST", base + "/api/posts", create, tokenWriter));
                for (WrkRequest call : measured) {
                    // The JIT compiles the hot paths before anything is measured. The smoke warms each call for 2 s
                    // from 2 connections only: without it, a cold JVM on a loaded CI host answered none of 32
                    // concurrent first creates within the smoke's 1 s measurement.
                    if (options().smoke()) {
                        LoadTools.wrk(call, 2, 2);
                    } else {
                        LoadTools.wrk(call, 32, 5);
                    }
                }
                for (int run = 0; run < options().runs(); run++) {
                    Map<String, WrkResult> round = new LinkedHashMap<>();
                    round.put("GET /q/health/live (ceiling)", LoadTools.wrk(WrkRequest.get(base + "/q/health/live",
                                                                                            null), 32, seconds));
                    double tps = LoadTools.pgbenchSelect(options(), 32, seconds);
                    pgbench.add(tps);
                    WrkRequest list20 = WrkRequest.get(base + "/api/posts?size=20", tokenTwenty);
                    WrkRequest list1000 = WrkRequest.get(base + "/api/posts?size=20", tokenThousand);
                    if (run % 2 == 0) {
                        round.put("GET /api/posts (20 posts)", LoadTools.wrk(list20, 32, seconds));
                        round.put("GET /api/posts (1,000 posts)", LoadTools.wrk(list1000, 32, seconds));
                    } else {
                        round.put("GET /api/posts (1,000 posts)", LoadTools.wrk(list1000, 32, seconds));
                        round.put("GET /api/posts (20 posts)", LoadTools.wrk(list20, 32, seconds));
                    }
                    round.put("GET /api/posts/{id}", LoadTools.wrk(WrkRequest.get(
                            base + "/api/posts/" + twenty.somePost(), tokenTwenty), 32, seconds));
                    round.put("POST /api/posts (2 targets)", LoadTools.wrk(new WrkRequest(
                            "POST", base + "/api/posts", create, tokenWriter), 32, seconds));
                    // bcrypt takes about 0.3 s of CPU a login: 32 at once on 2 cores finish together after ~5 s, so a
                    // short measurement would end before the first answer.
                    int loginSeconds = Math.max(seconds, 15);
                    round.put("POST /api/auth/login (bcrypt 12), 32 conn.", LoadTools.wrk(new WrkRequest(
                            "POST", base + "/api/auth/login", loginBody, null), 32, loginSeconds));
                    round.put("POST /api/auth/login (bcrypt 12), 1 conn.", LoadTools.wrk(new WrkRequest(
                            "POST", base + "/api/auth/login", loginBody, null), 1, loginSeconds));
                    double health = round.get("GET /q/health/live (ceiling)").requestsPerSecond();
                    round.forEach((name, r) -> {
                        results.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
                        perHealth.computeIfAbsent(name, k -> new ArrayList<>()).add(r.requestsPerSecond() / health);
                        perPgbench.computeIfAbsent(name, k -> new ArrayList<>()).add(r.requestsPerSecond() / tps);
                    });
                    listRatio.add(round.get("GET /api/posts (20 posts)").requestsPerSecond()
                                  / round.get("GET /api/posts (1,000 posts)").requestsPerSecond());
                }
                rssAfterLoad.put(build, service.rssMiB());
            }
            List<List<String>> rows = new ArrayList<>();
            results.forEach((name, runs) -> {
                rows.add(List.of(name, Stats.spread(values(runs, WrkResult::requestsPerSecond), "%.0f"),
                                 Stats.spread(values(runs, WrkResult::p50), "%.2f"),
                                 Stats.spread(values(runs, WrkResult::p99), "%.2f"),
                                 Stats.spread(values(runs, WrkResult::p999), "%.2f"),
                                 Long.toString(runs.stream().mapToLong(r -> r.non2xx() + r.socketErrors()).sum()),
                                 Stats.spread(perHealth.get(name), "%.4f"),
                                 Stats.spread(perPgbench.get(name), "%.3f")));
                long bad = runs.stream().mapToLong(r -> r.non2xx() + r.socketErrors()).sum();
                if (bad > 0) {
                    bench.report.fail(build + " " + name + ": " + bad + " non-2xx answers or socket errors");
                }
                if (runs.stream().anyMatch(r -> r.requests() == 0)) {
                    bench.report.fail(build + " " + name + ": no request completed");
                }
            });
            rows.add(List.of("`pgbench -S -c32` (ceiling)", Stats.spread(pgbench, "%.0f") + " TPS", "", "", "", "", "",
                             "1"));
            report.heading("### " + build);
            report.table(List.of("call", "req/s", "p50", "p99", "p99.9", "non-2xx + errors", "÷ health/live",
                                 "÷ pgbench TPS"), rows);
            report.line("List of 20 posts ÷ list of 1,000 posts, req/s paired per run: "
                        + Stats.spread(listRatio, "%.2f") + " (target ≤ 1.2).");
        }
        footprint();
    }

    private void footprint() {
        List<List<String>> rows = new ArrayList<>();
        rssAfterLoad.forEach((build, rss) -> rows.add(List.of(
                build.label(), rssAfterStart.containsKey(build) ? Stats.fmt("%.0f", rssAfterStart.get(build)) : "—",
                Stats.fmt("%.0f", rss))));
        bench.report.heading("### Footprint");
        bench.report.table(List.of("runtime", "RSS after start (MiB, scenario 1)", "RSS after scenario 2's load (MiB)"),
                           rows);
    }

    private static List<Double> values(List<WrkResult> runs, Function<WrkResult, Double> field) {
        return runs.stream().map(field).toList();
    }

    /** A user with an X and a LinkedIn connection, two media, and {@code posts} published posts using both. */
    private ApiUser apiUser(String name, int posts) throws Exception {
        String email = name + "-" + (++users) + "@bench.invalid";
        BenchData data = bench.data;
        UUID user = data.user(email);
        List<UUID> connections = List.of(data.connection(user, "x", name + "-x"),
                                         data.connection(user, "linkedin", name + "-li"));
        List<UUID> media = List.of(data.jpeg(user), data.jpeg(user));
        List<SeedPost> seeds = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < posts; i++) {
            seeds.add(new SeedPost(user, name + "-" + i, now.minus(Duration.ofHours(i + 1)), "published", connections,
                                   media));
        }
        data.posts(seeds);
        return new ApiUser(email, user, connections, posts == 0 ? null : data.somePostOf(user));
    }

    // ---- 6. growth --------------------------------------------------------------------------------------------------

    void growth() throws Exception {
        ApiUser user = apiUser("growth-own", 20);
        bench.data.vacuum();
        int seconds = options().size(10, 1);
        int[] steps = options().smoke() ? new int[] {100, 1_000} : new int[] {10_000, 1_000_000};
        int postsPerUser = options().smoke() ? 10 : 100;
        Report report = bench.report;
        bench.section("## 6. Growth");
        report.line("The same listing (a user with 20 posts) and the publisher's claim query with other users' rows"
                    + " in `posts` and `post_platforms` (one target per post, every tenth overdue: a backlog of 10 %"
                    + " of the rows, which the claim must not sort; the first engine's claim is measured beside it)."
                    + " The service runs without its dispatcher here. HTTP"
                    + " latency by wrk at 32 connections, " + seconds + " s × " + options().runs() + "; SQL time is"
                    + " PostgreSQL's `Execution Time` of `EXPLAIN ANALYZE`, median of 5.");
        report.line("");
        List<List<String>> rows = new ArrayList<>();
        Map<Integer, Double> listP50 = new LinkedHashMap<>();
        Map<Integer, Double> listSql = new LinkedHashMap<>();
        Map<Integer, Double> claimSql = new LinkedHashMap<>();
        Plan listPlan = null;
        Plan claimPlan = null;
        Plan firstClaimPlan = null;
        int grown = 0;
        try (ServiceProcess service = bench.startReady(bench.jvm(), Bench.SERVICE_PORT,
                                                       Map.of("POSTSTRIDE_PUBLISHING_SCHEDULER_ENABLED", "false"))) {
            String token = bench.login(service, user.email());
            // As in scenario 2: the first step must not measure the JIT's warm-up (the smoke's only briefly).
            WrkRequest list = WrkRequest.get(service.baseUrl() + "/api/posts?size=20", token);
            if (options().smoke()) {
                LoadTools.wrk(list, 2, 2);
            } else {
                LoadTools.wrk(list, 32, 10);
            }
            for (int step : steps) {
                int users = (step - grown) / postsPerUser;
                bench.data.growOthers("growth-" + step, users, postsPerUser);
                grown = step;
                List<WrkResult> runs = new ArrayList<>();
                for (int run = 0; run < options().runs(); run++) {
                    runs.add(LoadTools.wrk(list, 32, seconds));
                }
                List<Double> listMs = new ArrayList<>();
                List<Double> claimMs = new ArrayList<>();
                List<Double> firstClaimMs = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    listPlan = bench.data.explain(Queries.LIST_PAGE, user.id(), user.id(), 20, 0L);
                    claimPlan = bench.data.explain(Queries.CLAIM);
                    firstClaimPlan = bench.data.explain(Queries.FIRST_ENGINE_CLAIM);
                    listMs.add(listPlan.executionMs());
                    claimMs.add(claimPlan.executionMs());
                    firstClaimMs.add(firstClaimPlan.executionMs());
                }
                listP50.put(step, Stats.median(values(runs, WrkResult::p50)));
                listSql.put(step, Stats.median(listMs));
                claimSql.put(step, Stats.median(claimMs));
                long bad = runs.stream().mapToLong(r -> r.non2xx() + r.socketErrors()).sum();
                if (bad > 0) {
                    report.fail("growth " + step + ": " + bad + " non-2xx answers or socket errors");
                }
                rows.add(List.of(String.format("%,d", bench.data.count("posts")),
                                 Stats.spread(values(runs, WrkResult::requestsPerSecond), "%.0f"),
                                 Stats.spread(values(runs, WrkResult::p50), "%.2f"),
                                 Stats.spread(values(runs, WrkResult::p99), "%.2f"),
                                 Stats.spread(listMs, "%.3f"), Stats.spread(claimMs, "%.3f"),
                                 Stats.spread(firstClaimMs, "%.3f")));
            }
        } finally {
            bench.data.cancelGrowthBacklog();
        }
        int small = steps[0];
        int large = steps[1];
        rows.add(List.of("ratio " + String.format("%,d", large) + " ÷ " + String.format("%,d", small), "",
                         Stats.fmt("%.2f", listP50.get(large) / listP50.get(small)), "",
                         Stats.fmt("%.2f", listSql.get(large) / listSql.get(small)),
                         Stats.fmt("%.2f", claimSql.get(large) / claimSql.get(small)), ""));
        report.table(List.of("rows in posts (all users)", "list req/s", "list p50 (ms)", "list p99 (ms)",
                             "listing SQL (ms)", "claim SQL (ms)", "first engine's claim SQL (ms)"), rows);
        report.line("Target: ≤ 1.5 for both queries.");
        report.line("");
        report.line("Listing query at " + String.format("%,d", large) + " rows (`EXPLAIN (ANALYZE, BUFFERS)`):");
        report.code(listPlan.text());
        report.line("Claim query at " + String.format("%,d", large) + " rows:");
        report.code(claimPlan.text());
        report.line("The first engine's claim query at " + String.format("%,d", large) + " rows:");
        report.code(firstClaimPlan.text());
    }
}
