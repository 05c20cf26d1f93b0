package dev.poststride.bench;

import dev.poststride.bench.BenchData.TargetRow;
import dev.poststride.bench.KillScenario.Tally;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Scenario 8, PostgreSQL restarted mid-run: two instances publish posts falling due over the run while the database
 * cluster they use is stopped for a few seconds and started again. Their readiness must go down and come back, they
 * must recover without a restart, and afterwards every target is final with no post sent twice. The cluster is one of
 * its own ({@code BENCH_FAULTS_CLUSTER}, e.g. {@code 15/faults}, made by {@code scripts/reliability.sh}); the
 * scenario refuses to run on the default port, so it can never stop the shared cluster.
 */
final class DatabaseRestartScenario {

    private static final int INSTANCES = 2;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Bench bench;
    private final Random random = new Random(20261203);

    DatabaseRestartScenario(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        BenchOptions options = bench.options;
        bench.section("## 8. Database restart");
        String cluster = System.getenv("BENCH_FAULTS_CLUSTER");
        if (cluster == null || !cluster.matches("\\d+/[a-z_]+") || options.dbPort() == 5432) {
            bench.report.fail("database restart: needs a cluster of its own (BENCH_FAULTS_CLUSTER=15/faults on a"
                              + " port other than 5432); run it through scripts/reliability.sh");
            return;
        }
        String[] versionAndName = cluster.split("/");
        Duration window = Duration.ofSeconds(options.size(60, 30));
        Duration outage = Duration.ofSeconds(options.size(8, 5));
        Duration lease = Duration.ofSeconds(10);
        int wanted = options.size(1500, 240);
        // No shortened POSTSTRIDE_PUBLISHING_MAX_PUBLISH_DURATION (it was 20 s here): a publish blocked on a
        // connection the outage cut is freed by the pool's socket timeout, a third of the lease (3 s), not by the cap.
        Map<String, String> env = Map.of("POSTSTRIDE_PUBLISHING_LEASE_DURATION", lease.toSeconds() + "s",
                                         "POSTSTRIDE_PUBLISHING_INITIAL_BACKOFF", "2s",
                                         "POSTSTRIDE_PUBLISHING_SHUTDOWN_GRACE", "5s");
        ServiceProcess.Build build = bench.preferNative();
        bench.fakeControl("POST", "/_fake/reset");
        bench.fakeControl("POST", "/_fake/latency?platform=all&ms=50&max_ms=150");

        TextAccounts accounts = TextAccounts.create(bench.data, "restart", 20, "8");
        List<ServiceProcess> services = new ArrayList<>();
        try {
            services.addAll(bench.startReadyInstances(build, INSTANCES, env));
            Instant start = Instant.now().plusSeconds(3);
            int targets = accounts.seedPosts("r", start, window, wanted, random);

            Thread.sleep(Math.max(0, Duration.between(Instant.now(), start.plus(window.dividedBy(3))).toMillis()));
            Instant stopped = Instant.now();
            Bench.sh("pg_ctlcluster", versionAndName[0], versionAndName[1], "stop", "-m", "fast");
            System.err.println("[bench] database restart: cluster " + cluster + " stopped");
            double downAfter = awaitReadiness(services, false, Duration.ofSeconds(30), stopped);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), stopped.plus(outage)).toMillis()));
            Instant restarted = Instant.now();
            Bench.sh("pg_ctlcluster", versionAndName[0], versionAndName[1], "start");
            System.err.println("[bench] database restart: cluster " + cluster + " started again");
            double upAfter = awaitReadiness(services, true, Duration.ofSeconds(60), restarted);
            bench.data.reconnect();

            Instant drainEnds = start.plus(window).plus(lease.multipliedBy(3)).plusSeconds(30);
            List<TargetRow> rows = accounts.drain(drainEnds);
            Tally tally = Tally.of(rows, bench.fakeControl("GET", "/_fake/targets"));
            report(build, targets, window, outage, downAfter, upAfter, rows.size(), tally);
        } finally {
            Bench.stopAll(services);
            bench.fakeControl("POST", "/_fake/reset");
            bench.data.deletePostsOf(accounts.users);
        }
    }

    /**
     * Waits until every instance's readiness is {@code up} (200) or down (anything else, or no answer); the seconds
     * from {@code since}, or -1 when it did not happen within {@code limit}.
     */
    private static double awaitReadiness(List<ServiceProcess> services, boolean up, Duration limit, Instant since)
            throws InterruptedException {
        Instant deadline = since.plus(limit);
        while (Instant.now().isBefore(deadline)) {
            boolean all = true;
            for (ServiceProcess service : services) {
                all &= ready(service) == up;
            }
            if (all) {
                return Duration.between(since, Instant.now()).toMillis() / 1000.0;
            }
            Thread.sleep(200);
        }
        return -1;
    }

    private static boolean ready(ServiceProcess service) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready"))
                                     .timeout(Duration.ofSeconds(2)).build(),
                             HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private void report(ServiceProcess.Build build, int targets, Duration window, Duration outage, double downAfter,
                        double upAfter, int stored, Tally tally) throws IOException {
        Report report = bench.report;
        report.line(String.format("%d instances (%s) on a PostgreSQL cluster of their own; %,d targets (X, LinkedIn,"
                                  + " Facebook) due over %d s; a third of the way in the cluster is stopped (fast"
                                  + " shutdown, every connection cut) for %d s and started again. Fakes at 50–150 ms"
                                  + " a call.", INSTANCES, build.label(), targets, window.toSeconds(),
                                  outage.toSeconds()));
        report.line("");
        report.table(List.of("targets", "published", "more than one live post", "not final (lost or stuck)",
                             "live but recorded failed", "readiness down after", "ready again after restart"),
                     List.of(List.of(Integer.toString(targets), Integer.toString(tally.published()),
                                     Integer.toString(tally.duplicates()), Integer.toString(tally.stuck()),
                                     Integer.toString(tally.liveButFailed()),
                                     downAfter < 0 ? "never" : String.format("%.1f s", downAfter),
                                     upAfter < 0 ? "never" : String.format("%.1f s", upAfter))));
        if (!tally.failures().isEmpty()) {
            report.line("Failed targets by platform and code: " + tally.failures() + ".");
        }
        tally.unknownReasons().forEach((reason, n) -> report.line("- outcome_unknown ×" + n + " — " + reason));
        report.line("");
        if (stored != targets || !tally.clean() || downAfter < 0 || upAfter < 0) {
            report.fail(String.format("database restart: %d of %d targets stored, %d duplicated, %d stuck, %d live"
                                      + " but failed, readiness down after %.1f s, up after %.1f s", stored, targets,
                                      tally.duplicates(), tally.stuck(), tally.liveButFailed(), downAfter, upAfter));
        }
    }
}
