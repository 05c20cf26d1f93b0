package dev.poststride.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.poststride.support.Api;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher on its own, with no trigger: it wakes for a post when it falls due although its fallback poll is
 * 10 s, and it starts due targets as slots free rather than a batch per tick. With no secret, no trigger either.
 */
@QuarkusTest
@TestProfile(DispatcherTest.DispatcherOn.class)
class DispatcherTest {

    public static class DispatcherOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("poststride.publishing.scheduler-enabled", "true",
                          "poststride.publishing.interval", "10s",
                          "poststride.publishing.initial-delay", "0s",
                          "poststride.publishing.trigger-secret", " ");
        }
    }

    @InjectFakePlatforms
    WireMockServer fake;

    @BeforeEach
    void isolate() throws Exception {
        fake.resetAll();
        Sql.cancelOpenTargets();
    }

    @Test
    void theDispatcherRunsWithoutAnyTrigger() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (PublishTriggerTest.cycles("dispatcher") == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(PublishTriggerTest.cycles("dispatcher")).isPositive();
    }

    @Test
    void withoutAConfiguredSecretTheTriggerIsDisabled() {
        problem(given().header("Authorization", "Bearer  ").post("/api/internal/publish-cycle").then(), 403);
    }

    @Test
    void aPostGoesOutWithinASecondOfItsTimeThoughThePollIsTenSeconds() throws Exception {
        XPublishingTest.Account x = XPublishingTest.connectX(fake);
        Api.Account user = x.user();
        UUID connection = UUID.fromString(x.connectionId());
        stubTweets(0);
        Instant at = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        String postId = as(user).contentType("application/json").body(Map.of(
                        "content", "On the second " + UUID.randomUUID(), "scheduled_at", at.toString(),
                        "targets", List.of(Map.of("connection_id", connection.toString()))))
                .post("/api/posts").then().statusCode(201).extract().path("id");

        awaitPublished("select count(*) from post_platforms where post_id = ? and status = 'published'",
                       UUID.fromString(postId), 1);

        try (Connection c = Sql.connect()) {
            Instant started = ((Timestamp) Sql.value(c, "select min(a.started_at) from publish_attempts a join"
                                                        + " post_platforms pp on pp.id = a.post_platform_id where"
                                                        + " pp.post_id = ?", UUID.fromString(postId))).toInstant();
            assertThat(started).isAfterOrEqualTo(at).isBefore(at.plusSeconds(1));
        }
    }

    @Test
    void dueTargetsStartAsSlotsFreeNotInABatchPerTick() throws Exception {
        XPublishingTest.Account x = XPublishingTest.connectX(fake);
        Api.Account user = x.user();
        UUID connection = UUID.fromString(x.connectionId());
        stubTweets(300);
        String run = "flow-" + UUID.randomUUID() + "-";
        int targets = 24;
        try (Connection c = Sql.connect()) {
            Sql.duePosts(c, UUID.fromString(user.userId()), run, targets, Instant.now().minusSeconds(1), connection);
        }

        awaitPublished("select count(*) from post_platforms pp join posts p on p.id = pp.post_id"
                       + " where p.content like ? and pp.status = 'published'", run + "%", targets);

        List<Instant[]> spans = new ArrayList<>();
        try (Connection c = Sql.connect();
             PreparedStatement s = c.prepareStatement(
                     "select a.started_at, a.finished_at from publish_attempts a"
                     + " join post_platforms pp on pp.id = a.post_platform_id join posts p on p.id = pp.post_id"
                     + " where p.content like ? order by a.started_at")) {
            s.setString(1, run + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    spans.add(new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()});
                }
            }
        }
        assertThat(spans).hasSize(targets);
        int perPlatform = 4; // the default max-concurrent-per-platform; max-concurrent is 16 in tests
        List<long[]> events = new ArrayList<>(); // (time, +1 start / -1 end); an end sorts before a start at a tie
        for (Instant[] span : spans) {
            events.add(new long[] {ChronoUnit.MICROS.between(Instant.EPOCH, span[0]), 1});
            events.add(new long[] {ChronoUnit.MICROS.between(Instant.EPOCH, span[1]), -1});
        }
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int atOnce = 0;
        int most = 0;
        for (long[] event : events) {
            atOnce += (int) event[1];
            most = Math.max(most, atOnce);
        }
        assertThat(most).as("publishes to X at once").isEqualTo(perPlatform);
        // Each publish starts when one before it ends (no waiting for a tick): no gap between consecutive starts
        // approaches the 10 s poll.
        for (int i = 1; i < spans.size(); i++) {
            assertThat(Duration.between(spans.get(i - 1)[0], spans.get(i)[0])).isLessThan(Duration.ofSeconds(2));
        }
    }

    private void stubTweets(int delayMillis) {
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(201)
                .withFixedDelay(delayMillis).withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"id\":\"1\",\"text\":\"t\"}}")));
    }

    private static void awaitPublished(String countSql, Object parameter, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Connection c = Sql.connect()) {
            while (((Number) Sql.value(c, countSql, parameter)).intValue() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(((Number) Sql.value(c, countSql, parameter)).intValue()).isEqualTo(expected);
        }
    }
}
