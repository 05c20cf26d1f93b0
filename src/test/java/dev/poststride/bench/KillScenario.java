package dev.poststride.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.bench.BenchData.SeedPost;
import dev.poststride.bench.BenchData.TargetRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Scenario 7, the kill test: three instances on one database publish posts falling due over the whole run while one
 * of them is SIGKILLed (and started again) every 10–20 s; then all three stay up for a drain of at least two lease
 * lengths. The fakes are stateful (they answer look-ups truthfully) and slow (200–600 ms a call), so kills land
 * mid-publish: after the create call was sent, between Instagram's or Threads' container and its publish, during
 * TikTok's status polls. Counted afterwards, from the fakes and the database: targets with more than one live post,
 * targets not in a final state, live posts recorded as failed, and each {@code outcome_unknown} with its reason. Every
 * workspace has a webhook at the fakes: each target that ended must have its {@code target.published} or
 * {@code target.failed} event delivered, however the kills fell between the change and the delivery.
 */
final class KillScenario {

    private static final List<String> TEXT = List.of("x", "linkedin", "facebook", "threads");
    private static final List<String> MEDIA = List.of("instagram", "tiktok");
    private static final Set<String> FINAL = Set.of("published", "failed", "cancelled");
    private static final int INSTANCES = 3;

    private final Bench bench;
    private final Random random = new Random(20261202);

    KillScenario(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        BenchOptions options = bench.options;
        Duration chaos = Duration.ofSeconds(options.size(180, 60));
        Duration lease = Duration.ofSeconds(options.size(15, 10));
        int wanted = options.size(2500, 300);
        Map<String, String> env = Map.of("POSTSTRIDE_PUBLISHING_LEASE_DURATION", lease.toSeconds() + "s",
                                         "POSTSTRIDE_PUBLISHING_MAX_CONCURRENT", "16",
                                         "POSTSTRIDE_PUBLISHING_MAX_CONCURRENT_PER_PLATFORM", "8",
                                         "POSTSTRIDE_PUBLISHING_INITIAL_BACKOFF", "2s",
                                         "POSTSTRIDE_PUBLISHING_SHUTDOWN_GRACE", "5s");
        ServiceProcess.Build build = bench.preferNative();
        bench.section("## 7. Kill test");
        bench.fakeControl("POST", "/_fake/reset");
        bench.fakeControl("POST", "/_fake/latency?platform=all&ms=200&max_ms=600");

        List<UUID> users = new ArrayList<>();
        List<Map<String, UUID>> textAccounts = new ArrayList<>();
        List<Map<String, UUID>> mediaAccounts = new ArrayList<>();
        Map<UUID, UUID> imageOf = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            boolean media = i % 3 == 2;
            UUID user = bench.data.user("kill-" + i + "@bench.invalid");
            users.add(user);
            Map<String, UUID> connections = new HashMap<>();
            for (String platform : media ? MEDIA : TEXT) {
                connections.put(platform, bench.data.connection(user, platform, "7" + (100000 + i)));
            }
            connections.put("user", user);
            (media ? mediaAccounts : textAccounts).add(connections);
            if (media) {
                imageOf.put(user, bench.data.jpeg(user));
            }
        }

        List<ServiceProcess> services = new ArrayList<>();
        int kills = 0;
        try {
            services.addAll(bench.startReadyInstances(build, INSTANCES, env));
            for (int i = 0; i < users.size(); i++) {
                String token = bench.login(services.get(i % INSTANCES), "kill-" + i + "@bench.invalid");
                bench.registerWebhook(services.get(i % INSTANCES), token, "kill",
                                      List.of("target.published", "target.failed"));
            }
            Instant start = Instant.now().plusSeconds(3);
            Instant lastDue = start.plus(chaos).minusSeconds(options.size(20, 10));
            List<SeedPost> posts = new ArrayList<>();
            int targets = 0;
            for (int n = 0; targets < wanted; n++) {
                boolean media = n % 10 >= 7;
                List<Map<String, UUID>> pool = media ? mediaAccounts : textAccounts;
                Map<String, UUID> account = pool.get(random.nextInt(pool.size()));
                List<String> platforms = media ? MEDIA : TEXT;
                long window = Duration.between(start, lastDue).toMillis();
                Instant due = start.plusMillis((long) (random.nextDouble() * window));
                UUID user = account.get("user");
                posts.add(new SeedPost(user, "k" + n, due, "scheduled",
                                       platforms.stream().map(account::get).toList(),
                                       media ? List.of(imageOf.get(user)) : List.of()));
                targets += platforms.size();
            }
            bench.data.posts(posts);

            Instant chaosEnds = start.plus(chaos);
            while (true) {
                Instant next = Instant.now().plusMillis(10_000 + random.nextInt(10_001));
                if (next.isAfter(chaosEnds)) {
                    break;
                }
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), next).toMillis()));
                int victim = random.nextInt(INSTANCES);
                services.get(victim).kill();
                kills++;
                System.err.printf("[bench] kill test: SIGKILL instance %d (%d so far)%n", victim, kills);
                services.set(victim, bench.startReady(build, Bench.SERVICE_PORT + victim, env));
            }
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), chaosEnds).toMillis()));

            // The drain: all instances up, at least two lease lengths, until every target is final.
            Instant drainStarted = Instant.now();
            Instant drainEnds = drainStarted.plus(lease.multipliedBy(2)).plusSeconds(options.size(60, 20));
            List<TargetRow> rows;
            do {
                Thread.sleep(1000);
                rows = bench.data.targetsOf(users);
            } while (rows.stream().anyMatch(r -> !FINAL.contains(r.status())) && Instant.now().isBefore(drainEnds)
                     || Instant.now().isBefore(drainStarted.plus(lease.multipliedBy(2))));
            Webhooks hooks = webhooksAfterDrain(rows, lease);
            report(build, targets, kills, chaos, lease, rows, bench.fakeControl("GET", "/_fake/targets"), hooks);
        } finally {
            Bench.stopAll(services);
            bench.fakeControl("POST", "/_fake/reset");
            bench.data.deletePostsOf(users);
        }
    }

    /** The webhook side of the run: ended targets, their events received, those missing, repeated deliveries. */
    record Webhooks(int ended, int received, int missing, long repeated) {
    }

    /** Waits (up to two leases and a minute) until every ended target's event arrived; what arrived by then. */
    private Webhooks webhooksAfterDrain(List<TargetRow> rows, Duration lease) throws Exception {
        Map<UUID, String> ended = new HashMap<>();
        for (TargetRow row : rows) {
            if (row.status().equals("published") || row.status().equals("failed")) {
                ended.put(row.id(), "target." + row.status());
            }
        }
        Instant until = Instant.now().plus(lease.multipliedBy(2)).plusSeconds(60);
        while (true) {
            JsonNode events = bench.fakeControl("GET", "/_fake/webhooks").path("events");
            Map<UUID, String> got = new HashMap<>();
            long repeated = 0;
            for (JsonNode event : events) {
                String target = event.path("target_id").asText();
                if (!target.isEmpty()) {
                    got.put(UUID.fromString(target), event.path("type").asText());
                }
                repeated += Math.max(0, event.path("deliveries").asLong() - 1);
            }
            int missing = (int) ended.entrySet().stream()
                    .filter(e -> !e.getValue().equals(got.get(e.getKey()))).count();
            if (missing == 0 || Instant.now().isAfter(until)) {
                return new Webhooks(ended.size(), ended.size() - missing, missing, repeated);
            }
            Thread.sleep(1000);
        }
    }

    /** What became of a run's targets, from the database's rows and the fakes' live posts. */
    record Tally(int published, int duplicates, int stuck, int liveButFailed, int publishedButAbsent,
                 Map<String, Integer> failures, Map<String, Integer> unknownReasons) {

        int unknown() {
            return unknownReasons.values().stream().mapToInt(i -> i).sum();
        }

        boolean clean() {
            return duplicates == 0 && stuck == 0 && liveButFailed == 0 && publishedButAbsent == 0;
        }

        static Tally of(List<TargetRow> rows, JsonNode fakes) {
            Map<String, Integer> live = new HashMap<>();
            for (JsonNode target : fakes.path("targets")) {
                live.put(target.path("platform").asText() + "/" + target.path("marker").asText(),
                         target.path("live_posts").asInt());
            }
            int duplicates = 0;
            int stuck = 0;
            int liveButFailed = 0;
            int publishedButAbsent = 0;
            int published = 0;
            Map<String, Integer> failures = new TreeMap<>();
            Map<String, Integer> unknownReasons = new LinkedHashMap<>();
            for (TargetRow row : rows) {
                int posts = live.getOrDefault(row.platform() + "/" + row.marker(), 0);
                duplicates += posts > 1 ? 1 : 0;
                switch (row.status()) {
                    case "published" -> {
                        published++;
                        publishedButAbsent += posts == 0 ? 1 : 0;
                    }
                    case "failed" -> {
                        failures.merge(row.platform() + " " + row.errorCode(), 1, Integer::sum);
                        if ("outcome_unknown".equals(row.errorCode())) {
                            unknownReasons.merge(row.platform() + ": " + row.errorMessage(), 1, Integer::sum);
                        } else if (posts > 0) {
                            liveButFailed++;
                        }
                    }
                    case "cancelled" -> { }
                    default -> stuck++;
                }
            }
            return new Tally(published, duplicates, stuck, liveButFailed, publishedButAbsent, failures,
                             unknownReasons);
        }
    }

    private void report(ServiceProcess.Build build, int targets, int kills, Duration chaos, Duration lease,
                        List<TargetRow> rows, JsonNode fakes, Webhooks hooks) throws Exception {
        Tally tally = Tally.of(rows, fakes);
        int duplicates = tally.duplicates();
        int stuck = tally.stuck();
        int liveButFailed = tally.liveButFailed();
        int publishedButAbsent = tally.publishedButAbsent();
        int published = tally.published();
        Map<String, Integer> failures = tally.failures();
        Map<String, Integer> unknownReasons = tally.unknownReasons();
        Report report = bench.report;
        report.line(String.format("%d instances (%s) on one database, lease %d s, `max-concurrent` 16 (8 per platform);"
                                  + " %,d targets (X, LinkedIn, Facebook and Threads text posts; Instagram and TikTok"
                                  + " image posts) due at random moments over the first %d s of a %d-s run in which one"
                                  + " random instance is SIGKILLed and started again every 10–20 s; then a drain of"
                                  + " at least two lease lengths with all instances up. Stateful fakes at 200–600 ms"
                                  + " a call.", INSTANCES, build.label(), lease.toSeconds(), targets,
                                  chaos.toSeconds() - bench.options.size(20, 10), chaos.toSeconds()));
        report.line("");
        report.table(List.of("targets", "kills", "published", "more than one live post", "not final (stuck)",
                             "live but recorded failed", "recorded published, not live", "outcome_unknown"),
                     List.of(List.of(Integer.toString(targets), Integer.toString(kills), Integer.toString(published),
                                     Integer.toString(duplicates), Integer.toString(stuck),
                                     Integer.toString(liveButFailed), Integer.toString(publishedButAbsent),
                                     Integer.toString(unknownReasons.values().stream().mapToInt(i -> i).sum()))));
        if (!failures.isEmpty()) {
            report.line("Failed targets by platform and code: " + failures + ".");
        }
        unknownReasons.forEach((reason, count) -> report.line("- outcome_unknown ×" + count + " — " + reason));
        report.line("");
        report.line("Targets (the publishing engine's issue): 0 with more than one live post, 0 stuck, 0 live posts"
                    + " recorded as failed; outcome_unknown only where the platform cannot tell, with its reason.");
        report.line("");
        report.line(String.format("Webhooks (every workspace has one at the fakes): %,d targets ended, %,d with their"
                                  + " `target.published`/`target.failed` event received, %d missing; %,d deliveries"
                                  + " repeated an event already received (same `webhook-id`, as at-least-once"
                                  + " allows).", hooks.ended(), hooks.received(), hooks.missing(), hooks.repeated()));
        if (hooks.missing() > 0) {
            report.fail("kill test: " + hooks.missing() + " ended targets without their webhook event");
        }
        if (rows.size() != targets) {
            report.fail("kill test: " + rows.size() + " targets stored of " + targets + " seeded");
        }
        if (duplicates > 0 || stuck > 0 || liveButFailed > 0 || publishedButAbsent > 0) {
            report.fail(String.format("kill test: %d duplicated, %d stuck, %d live but failed, %d published but"
                                      + " absent", duplicates, stuck, liveButFailed, publishedButAbsent));
        }
    }
}
