package dev.poststride.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.bench.BenchData.TargetRow;
import dev.poststride.bench.KillScenario.Tally;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Scenario 9, platform chaos: two instances publish while a share of the calls to X, LinkedIn and Facebook meet a
 * fault ({@link FakePlatformsServer.Fault}): 429 with a reset header, 5xx, a dropped connection, a refused token,
 * and, after the post went live, an answer slower than the read timeout or cut off mid-JSON. Afterwards every target
 * is final with a typed reason, none is live twice, none that is live is recorded as failed, and no connection was
 * disabled: the fake never revokes a grant, so a refused token is always a blip (issue 24).
 */
final class PlatformChaosScenario {

    private static final int INSTANCES = 2;
    private static final double RATE = 0.3;

    private final Bench bench;
    private final Random random = new Random(20261204);

    PlatformChaosScenario(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        BenchOptions options = bench.options;
        bench.section("## 9. Platform chaos");
        Duration window = Duration.ofSeconds(options.size(60, 20));
        Duration readTimeout = Duration.ofSeconds(3);
        Duration lease = Duration.ofSeconds(10);
        int wanted = options.size(1200, 150);
        Map<String, String> env = Map.of("POSTSTRIDE_PUBLISHING_LEASE_DURATION", lease.toSeconds() + "s",
                                         "POSTSTRIDE_PUBLISHING_READ_TIMEOUT", readTimeout.toSeconds() + "s",
                                         "POSTSTRIDE_PUBLISHING_INITIAL_BACKOFF", "1s",
                                         "POSTSTRIDE_PUBLISHING_MAX_BACKOFF", "4s",
                                         "POSTSTRIDE_PUBLISHING_MAX_ATTEMPTS", "8",
                                         "POSTSTRIDE_PUBLISHING_SHUTDOWN_GRACE", "5s");
        ServiceProcess.Build build = bench.preferNative();
        bench.fakeControl("POST", "/_fake/reset");
        bench.fakeControl("POST", "/_fake/latency?platform=all&ms=20&max_ms=80");

        TextAccounts accounts = TextAccounts.create(bench.data, "chaos", 30, "9");
        List<ServiceProcess> services = new ArrayList<>();
        try {
            services.addAll(bench.startReadyInstances(build, INSTANCES, env));
            bench.fakeControl("POST", "/_fake/chaos?rate=" + RATE + "&slow_ms="
                                      + readTimeout.plusSeconds(2).toMillis());
            Instant start = Instant.now().plusSeconds(2);
            int targets = accounts.seedPosts("c", start, window, wanted, random);

            Instant drainEnds = start.plus(window).plus(lease.multipliedBy(4)).plusSeconds(60);
            List<TargetRow> rows = accounts.drain(drainEnds);
            JsonNode fakes = bench.fakeControl("GET", "/_fake/targets");
            report(build, targets, window, rows, fakes, bench.data.inactiveConnectionsOf(accounts.users));
        } finally {
            Bench.stopAll(services);
            bench.fakeControl("POST", "/_fake/reset");
            bench.data.deletePostsOf(accounts.users);
        }
    }

    private void report(ServiceProcess.Build build, int targets, Duration window, List<TargetRow> rows,
                        JsonNode fakes, int disabled) throws Exception {
        Tally tally = Tally.of(rows, fakes);
        Map<String, Integer> injected = new TreeMap<>();
        fakes.path("faults").fields().forEachRemaining(f -> injected.put(f.getKey(), f.getValue().asInt()));
        long untyped = rows.stream().filter(r -> r.status().equals("failed"))
                .filter(r -> r.errorCode() == null || r.errorCode().isBlank()).count();
        Report report = bench.report;
        report.line(String.format("%d instances (%s); %,d targets (X, LinkedIn, Facebook) due over %d s; %.0f %% of"
                                  + " the calls to those platforms meet a fault; read timeout 3 s, up to 8 attempts"
                                  + " with 1–4 s backoff. Faults injected: %s.", INSTANCES, build.label(), targets,
                                  window.toSeconds(), RATE * 100, injected));
        report.line("");
        report.table(List.of("targets", "published", "failed (typed)", "more than one live post", "not final",
                             "live but recorded failed", "failed without a code", "connections disabled",
                             "calls within a 429's reset"),
                     List.of(List.of(Integer.toString(targets), Integer.toString(tally.published()),
                                     Long.toString(rows.stream().filter(r -> r.status().equals("failed")).count()),
                                     Integer.toString(tally.duplicates()), Integer.toString(tally.stuck()),
                                     Integer.toString(tally.liveButFailed()), Long.toString(untyped),
                                     Integer.toString(disabled),
                                     fakes.path("requests_before_rate_limit_reset").asText())));
        if (!tally.failures().isEmpty()) {
            report.line("Failed targets by platform and code: " + tally.failures() + ".");
        }
        tally.unknownReasons().forEach((reason, n) -> report.line("- outcome_unknown ×" + n + " — " + reason));
        report.line("");
        report.line("Calls within a 429's reset window come from publishes of the same account that were already in"
                    + " flight when the 429 was answered, or that did not wait for the reset; the target that got the"
                    + " 429 and the account's waiting targets wait until the reset.");
        report.line("");
        if (rows.size() != targets || !tally.clean() || untyped > 0 || disabled > 0) {
            report.fail(String.format("platform chaos: %d of %d targets stored, %d duplicated, %d not final, %d live"
                                      + " but failed, %d published but absent, %d failed without a code, %d"
                                      + " connections disabled", rows.size(), targets, tally.duplicates(),
                                      tally.stuck(), tally.liveButFailed(), tally.publishedButAbsent(), untyped,
                                      disabled));
        }
    }
}
