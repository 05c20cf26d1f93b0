package dev.poststride.publishing;

import dev.poststride.common.InstanceIdentity;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.poststride.publishing.MetaAndTikTokPublishingTest.envelope;
import static dev.poststride.publishing.XPublishingTest.cycle;
import static dev.poststride.publishing.XPublishingTest.duePost;
import static dev.poststride.publishing.XPublishingTest.postOf;
import static dev.poststride.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.poststride.post.TargetClaims;
import dev.poststride.post.TargetStates;
import dev.poststride.post.TargetClaims.Claimed;
import dev.poststride.post.TargetStates.Completion;
import dev.poststride.support.Api;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.MovableClock;
import dev.poststride.support.OAuthFlow;
import dev.poststride.support.PlatformStubs;
import dev.poststride.support.PlatformStubs.Tokens;
import dev.poststride.support.Sql;
import dev.poststride.support.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's guarantees where the first engine broke them, each reproduced from outside (HTTP, the fake platforms,
 * the database) with time moved by the injected clock: leases renewed under long publishes and fenced by attempt,
 * resumed multi-step flows, recoveries that find live posts, token blips, an attempt cap, and state changes that
 * touch only what is still pending. The other instance of a takeover is a second lease owner on the same database.
 */
@QuarkusTest
class EngineGuaranteesTest {

    private static final List<String> PLATFORMS = List.of("x", "linkedin", "facebook", "instagram", "tiktok");

    @InjectFakePlatforms
    WireMockServer fake;

    @Inject
    MovableClock clock;

    @Inject
    TargetStates states;

    @Inject
    TargetClaims claims;

    @Inject
    PublishEngine engine;

    @Inject
    PublishingConfig config;

    @Inject
    InstanceIdentity instance;

    @Inject
    GracefulShutdown shutdown;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @BeforeEach
    void isolate() throws Exception {
        fake.resetAll();
        clock.reset();
        Sql.cancelOpenTargets();
    }

    @AfterEach
    void putTimeBack() {
        clock.reset();
    }

    XPublishingTest.Account connectX() {
        return XPublishingTest.connectX(fake);
    }

    /** What an instance dying mid-publish leaves: the target claimed, an attempt begun; then its lease runs out. */
    private Claimed claimedByAnInstanceThatDies(String owner) {
        List<Claimed> claimed = claim(owner, PLATFORMS);
        assertThat(claimed).hasSize(1);
        clock.advance(config.leaseDuration().plusSeconds(1));
        return claimed.getFirst();
    }

    /** A post scheduled a day ahead (not due). */
    private String scheduledPost(XPublishingTest.Account account, String text) {
        return as(account.user()).contentType("application/json").body(Map.of(
                        "content", text, "scheduled_at", clock.instant().plus(Duration.ofDays(1)).toString(),
                        "targets", List.of(Map.of("connection_id", account.connectionId()))))
                .post("/api/posts").then().statusCode(201).extract().path("id");
    }

    /** A claim as an engine instance named {@code owner} makes it, with room on every given platform. */
    private List<Claimed> claim(String owner, List<String> platforms) {
        Map<String, Integer> room = new LinkedHashMap<>();
        platforms.forEach(p -> room.put(p, 10));
        return claims.claim(owner, 10, room, clock.instant(), config.leaseDuration(), config.maxAttempts());
    }

    private static String targetOf(XPublishingTest.Account account, String postId) {
        return postOf(account, postId).getString("targets[0].id");
    }

    // ---- leases ---------------------------------------------------------------------------------------------------

    @Test
    void aRunningPublishRenewsItsLeaseSoNoOtherInstanceTakesItOver() throws Exception {
        XPublishingTest.Account x = connectX();
        String text = "Slow X " + UUID.randomUUID();
        String postId = duePost(x, text, List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(201).withFixedDelay(1500)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":{\"id\":\"77\",\"text\":\"t\"}}")));

        CompletableFuture<JsonPath> run = CompletableFuture.supplyAsync(XPublishingTest::cycle);
        awaitRequests("/x/2/tweets", 1);
        // The publish is at the platform while more than a lease's worth of time passes (a slow upload, a long
        // poll), the heartbeat renewing the lease every third of it as it does in production.
        Duration third = config.leaseDuration().dividedBy(3);
        for (int beat = 0; beat < 4; beat++) {
            clock.advance(third.minusSeconds(1));
            engine.renewLeases();
        }
        List<Claimed> takenOver = claim("instance-other", PLATFORMS);

        assertThat(takenOver).isEmpty();
        assertThat(run.join().getInt("published")).isEqualTo(1);
        JsonPath post = postOf(x, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("published");
        assertThat(post.getInt("targets[0].attempts")).isEqualTo(1);
        fake.verify(1, postRequestedFor(urlPathEqualTo("/x/2/tweets")));
    }

    @Test
    void aHeartbeatRightAfterAPublishStoredItsResultReportsNoLostLease() throws Exception {
        XPublishingTest.Account x = connectX();
        String postId = duePost(x, "Stored, then a slow comment " + UUID.randomUUID(), List.of(),
                                Map.of("first_comment", "Below"));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).withRequestBody(WireMock.notContaining("in_reply_to"))
                             .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"data\":{\"id\":\"81\",\"text\":\"t\"}}")));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).withRequestBody(WireMock.containing("in_reply_to"))
                             .willReturn(aResponse().withStatus(201).withFixedDelay(1500)
                                                 .withHeader("Content-Type", "application/json")
                                                 .withBody("{\"data\":{\"id\":\"82\",\"text\":\"t\"}}")));
        double lostBefore = leasesLost();

        CompletableFuture<JsonPath> run = CompletableFuture.supplyAsync(XPublishingTest::cycle);
        // The post is stored as published (its lease ended with it) while the publish still runs: its first comment
        // is at the platform. The heartbeat beats now.
        awaitRequests("/x/2/tweets", 2);
        assertThat(postOf(x, postId).getString("targets[0].status")).isEqualTo("published");
        engine.renewLeases();

        assertThat(run.join().getInt("published")).isEqualTo(1);
        assertThat(leasesLost()).isEqualTo(lostBefore);
    }

    @Test
    void aLeaseTakenOverWhilePublishingIsReportedOnce() throws Exception {
        XPublishingTest.Account x = connectX();
        duePost(x, "Taken over " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(201).withFixedDelay(1500)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":{\"id\":\"83\",\"text\":\"t\"}}")));
        double lostBefore = leasesLost();

        CompletableFuture<JsonPath> run = CompletableFuture.supplyAsync(XPublishingTest::cycle);
        awaitRequests("/x/2/tweets", 1);
        clock.advance(config.leaseDuration().plusSeconds(1)); // no heartbeat in time: the lease ran out
        assertThat(claim("instance-other", PLATFORMS)).hasSize(1);
        engine.renewLeases();
        engine.renewLeases();

        assertThat(run.join().getInt("published")).isZero(); // its answer is refused: the lease moved on
        assertThat(leasesLost()).isEqualTo(lostBefore + 1);
    }

    private double leasesLost() {
        io.micrometer.core.instrument.Counter counter = metrics.find("poststride.publish.lease_lost").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aPublishStuckPastTheLimitIsNoLongerRenewedSoAnotherInstanceRecoversIt() throws Exception {
        XPublishingTest.Account x = connectX();
        String postId = duePost(x, "Stuck " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(201).withFixedDelay(1500)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":{\"id\":\"79\",\"text\":\"t\"}}")));
        CompletableFuture<JsonPath> run = CompletableFuture.supplyAsync(XPublishingTest::cycle);
        awaitRequests("/x/2/tweets", 1);

        // The call has not returned for longer than any publish may take (a socket that never answers). The
        // heartbeat renews the lease every third of it until then, and no longer after: the lease runs out and
        // another instance recovers the target.
        Duration third = config.leaseDuration().dividedBy(3);
        Instant stuckAt = clock.instant().plus(config.maxPublishDuration());
        while (clock.instant().isBefore(stuckAt.plus(config.leaseDuration()))) {
            clock.advance(third.minusSeconds(1));
            engine.renewLeases();
        }
        List<Claimed> recovered = claim("instance-other", PLATFORMS);

        assertThat(recovered).hasSize(1);
        assertThat(recovered.getFirst().recovered()).isTrue();
        assertThat(run.join().getInt("published")).isZero(); // its late answer is refused: the lease moved on
        assertThat(postOf(x, postId).getString("targets[0].status")).isEqualTo("publishing");
    }

    @Test
    void anAttemptWhoseLeaseWasTakenOverCanNoLongerWriteTheTarget() throws Exception {
        XPublishingTest.Account x = connectX();
        String postId = duePost(x, "Fenced " + UUID.randomUUID(), List.of());
        Claimed stale = claimedByAnInstanceThatDies("instance-paused");
        List<Claimed> recovered = claim("instance-paused", PLATFORMS);
        assertThat(recovered).hasSize(1);
        assertThat(recovered.getFirst().attempt()).isEqualTo(stale.attempt() + 1);
        Completion failed = new Completion("failed", null, null, null, "x", "stale", false);

        // Same owner, older attempt (the instance paused past its lease and re-claimed): fenced by the attempt.
        assertThat(states.complete(stale, "instance-paused", "transient", failed, clock.instant(), clock.instant()))
                .isFalse();
        assertThat(states.saveCheckpoint(stale.targetId(), "instance-paused", stale.attempt(), "media:1")).isFalse();
        assertThat(states.complete(recovered.getFirst(), "instance-other", "transient", failed, clock.instant(),
                                   clock.instant())).isFalse();
        assertThat(postOf(x, postId).getString("targets[0].status")).isEqualTo("publishing");

        Completion published = new Completion("published", "9", "https://x.com/i/9", null, null, null, null);
        assertThat(states.complete(recovered.getFirst(), "instance-paused", "published", published, clock.instant(),
                                   clock.instant())).isTrue();
        assertThat(postOf(x, postId).getString("targets[0].status")).isEqualTo("published");
    }

    @Test
    void shutdownGivesBackTheLeasesOfWhatItIsNotRunningAndKeepsTheRunningOnes() throws Exception {
        XPublishingTest.Account x = connectX();
        String running = duePost(x, "Running " + UUID.randomUUID(), List.of());
        // A second target this instance holds but does not run (as after a claim whose publish has not started).
        String idle = scheduledPost(x, "Idle " + UUID.randomUUID());
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update post_platforms set status = 'publishing', lease_owner = ?, lease_expires_at = ?,"
                        + " attempts = 1 where id = ?", instance.id(),
                     Timestamp.from(clock.instant().plus(config.leaseDuration())),
                     UUID.fromString(targetOf(x, idle)));
        }
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(201).withFixedDelay(1500)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":{\"id\":\"78\",\"text\":\"t\"}}")));
        CompletableFuture<JsonPath> run = CompletableFuture.supplyAsync(XPublishingTest::cycle);
        awaitRequests("/x/2/tweets", 1);

        assertThat(shutdown.releaseLeases()).isEqualTo(1);

        try (Connection c = Sql.connect()) {
            Instant idleLease = ((Timestamp) Sql.value(c, "select lease_expires_at from post_platforms where id = ?",
                                                       UUID.fromString(targetOf(x, idle)))).toInstant();
            assertThat(idleLease).isBeforeOrEqualTo(clock.instant());
        }
        assertThat(run.join().getInt("published")).isEqualTo(1);
        assertThat(postOf(x, running).getString("targets[0].status")).isEqualTo("published");
    }

    // ---- resuming, never restarting --------------------------------------------------------------------------------

    private XPublishingTest.Account tikTok(Tokens renewed) {
        XPublishingTest.Account account = MetaAndTikTokPublishingTest.tikTokAccount(fake);
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/oauth/token/"))
                             .withRequestBody(containing("grant_type=refresh_token"))
                             .willReturn(okJson(PlatformStubs.tikTokTokenJson(renewed, account.xUserId()))));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/creator_info/query/")).willReturn(okJson(envelope(
                "{\"creator_username\":\"toker\",\"privacy_level_options\":[\"PUBLIC_TO_EVERYONE\"]}"))));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/video/init/"))
                             .willReturn(okJson(envelope("{\"publish_id\":\"v_pub~resume\"}"))));
        return account;
    }

    private static final String COMPLETE = "{\"status\":\"PUBLISH_COMPLETE\","
                                           + "\"publicaly_available_post_id\":[\"7400\"]}";

    @Test
    void aTikTokTokenRefusedWhilePollingIsRenewedAndThePollResumesWithoutASecondInit() throws Exception {
        Tokens renewed = Tokens.fresh("tiktok");
        XPublishingTest.Account tt = tikTok(renewed);
        String video = XPublishingTest.MediaUpload.of(tt.user(), TestFiles.mp4(4_000), "v.mp4");
        String postId = duePost(tt, "Resume " + UUID.randomUUID(), List.of(video),
                                 MetaAndTikTokPublishingTest.PUBLIC);
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/status/fetch/"))
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + tt.tokens().access()))
                             .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"data\":{},\"error\":{\"code\":\"access_token_invalid\","
                                                           + "\"message\":\"expired\",\"log_id\":\"l\"}}")));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/status/fetch/"))
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + renewed.access()))
                             .willReturn(okJson(envelope(COMPLETE))));

        assertThat(cycle().getInt("published")).isEqualTo(1);

        fake.verify(1, postRequestedFor(urlPathEqualTo("/tiktok/v2/post/publish/video/init/")));
        assertThat(postOf(tt, postId).getString("targets[0].platform_post_id")).isEqualTo("7400");
    }

    @Test
    void aTikTokRateLimitWhilePollingIsWaitedOutAndTheNextAttemptResumesThePublish() throws Exception {
        XPublishingTest.Account tt = tikTok(Tokens.fresh("tiktok"));
        String video = XPublishingTest.MediaUpload.of(tt.user(), TestFiles.mp4(4_000), "v.mp4");
        String postId = duePost(tt, "Throttled " + UUID.randomUUID(), List.of(video),
                                 MetaAndTikTokPublishingTest.PUBLIC);
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/status/fetch/")).inScenario("poll")
                             .whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"data\":{},\"error\":{\"code\":\"rate_limit_exceeded\","
                                                           + "\"message\":\"slow down\",\"log_id\":\"l\"}}"))
                             .willSetStateTo("open"));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/status/fetch/")).inScenario("poll")
                             .whenScenarioStateIs("open").willReturn(okJson(envelope(COMPLETE))));

        cycle();
        assertThat(postOf(tt, postId).getString("targets[0].status")).isEqualTo("pending");
        clock.advance(Duration.ofMinutes(2));
        assertThat(cycle().getInt("published")).isEqualTo(1);

        fake.verify(1, postRequestedFor(urlPathEqualTo("/tiktok/v2/post/publish/video/init/")));
        assertThat(postOf(tt, postId).getInt("targets[0].attempts")).isEqualTo(2);
    }

    @Test
    void anInstagramPublishRefusedForNowPublishesTheSameContainerOnTheNextAttempt() throws Exception {
        XPublishingTest.Account ig = MetaAndTikTokPublishingTest.instagramAccount(fake, "17841400099");
        String image = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.jpeg(40, 40), "feed.jpg");
        String postId = duePost(ig, "Container kept " + UUID.randomUUID(), List.of(image));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400099/media")).willReturn(okJson("{\"id\":\"c9\"}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/c9")).willReturn(okJson("{\"status_code\":\"FINISHED\"}")));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400099/media_publish")).inScenario("publish")
                             .whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"error\":{\"code\":4,\"message\":\"Application request"
                                                           + " limit reached\"}}"))
                             .willSetStateTo("open"));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400099/media_publish")).inScenario("publish")
                             .whenScenarioStateIs("open").willReturn(okJson("{\"id\":\"m9\"}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/m9"))
                             .willReturn(okJson("{\"permalink\":\"https://www.instagram.com/p/C9/\"}")));

        cycle();
        assertThat(postOf(ig, postId).getString("targets[0].last_error.code")).isEqualTo("rate_limited");
        clock.advance(Duration.ofHours(2));
        assertThat(cycle().getInt("published")).isEqualTo(1);

        fake.verify(1, postRequestedFor(urlPathEqualTo("/instagram/v25.0/17841400099/media")));
        fake.verify(2, postRequestedFor(urlPathEqualTo("/instagram/v25.0/17841400099/media_publish"))
                .withRequestBody(WireMock.equalToJson("{\"creation_id\":\"c9\"}")));
        assertThat(postOf(ig, postId).getString("targets[0].platform_post_id")).isEqualTo("m9");
    }

    @Test
    void aRecoveredLinkedInTargetWhoseFirstSendLandedIsRecordedPublishedNotFailed() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "linkedin");
        String code = OAuthFlow.newCode();
        Tokens tokens = PlatformStubs.linkedInConnect(fake, code, "li9Member", true);
        String id = OAuthFlow.callback("linkedin", code, started.state()).then().statusCode(200).extract().path("id");
        XPublishingTest.Account li = new XPublishingTest.Account(user, id, "li9Member", tokens);
        String postId = duePost(li, "Landed before the crash " + UUID.randomUUID(), List.of());
        claimedByAnInstanceThatDies("instance-dead");
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/posts")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Content is a duplicate of urn:li:share:7141138937766391999\","
                          + "\"errorDetails\":{\"inputErrors\":[{\"code\":\"DUPLICATE_POST\"}]},\"status\":422}")));

        assertThat(cycle().getInt("published")).isEqualTo(1);

        JsonPath post = postOf(li, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("published");
        assertThat(post.getString("targets[0].platform_post_id")).isEqualTo("urn:li:share:7141138937766391999");
    }

    // ---- tokens -----------------------------------------------------------------------------------------------------

    @Test
    void aTokenRefusedOnTheResendAfterAnUnknownOutcomeIsRenewedAndTheResendGoesOut() throws Exception {
        XPublishingTest.Account x = connectX();
        String text = "Resent after refresh " + UUID.randomUUID();
        String postId = duePost(x, text, List.of());
        Tokens renewed = Tokens.fresh("x");
        PlatformStubs.xRefresh(fake, x.tokens().refresh(), renewed);
        fake.stubFor(get(urlPathEqualTo("/x/2/users/" + x.xUserId() + "/tweets"))
                             .willReturn(okJson("{\"meta\":{\"result_count\":0}}")));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).inScenario("send").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(aResponse().withStatus(503)).willSetStateTo("expired"));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).inScenario("send").whenScenarioStateIs("expired")
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + x.tokens().access()))
                             .willReturn(aResponse().withStatus(401)));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).inScenario("send").whenScenarioStateIs("expired")
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + renewed.access()))
                             .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"data\":{\"id\":\"4242\",\"text\":\"t\"}}")));

        assertThat(cycle().getInt("published")).isEqualTo(1);
        assertThat(postOf(x, postId).getString("targets[0].platform_post_id")).isEqualTo("4242");
    }

    @Test
    void aTokenRefusedRightAfterARefreshIsRetriedLaterAndNeverDisablesTheConnection() throws Exception {
        // Issue 24: the refresh proves the grant alive, so refusals right after it are blips however many come; the
        // old rule (refused twice within a minute → needs_reauth) disabled healthy accounts under platform faults.
        XPublishingTest.Account x = connectX();
        String postId = duePost(x, "Blip " + UUID.randomUUID(), List.of());
        PlatformStubs.xRefresh(fake, x.tokens().refresh(), Tokens.fresh("x"));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(401)));

        cycle();

        JsonPath afterBlip = postOf(x, postId);
        assertThat(afterBlip.getString("targets[0].status")).isEqualTo("pending");
        assertThat(afterBlip.getString("targets[0].last_error.code")).isEqualTo("token_refused");
        as(x.user()).get("/api/platforms/connected").then().body("items[0].status", equalTo("active"));

        clock.advance(Duration.ofSeconds(40)); // past the first backoff (30 s ± 20 %), within a minute of the refresh
        cycle();

        JsonPath afterSecond = postOf(x, postId);
        assertThat(afterSecond.getString("targets[0].status")).isEqualTo("pending");
        assertThat(afterSecond.getString("targets[0].last_error.code")).isEqualTo("token_refused");
        assertThat(afterSecond.getString("targets[0].last_error.message")).contains("renewed");
        as(x.user()).get("/api/platforms/connected").then().body("items[0].status", equalTo("active"));
        // One refresh in the minute, however many refusals.
        fake.verify(1, postRequestedFor(urlPathEqualTo("/x/2/oauth2/token"))
                .withRequestBody(containing("grant_type=refresh_token")));
    }

    // ---- stuck and racing states ------------------------------------------------------------------------------------

    @Test
    void aTargetAbandonedMidPublishTooOftenEndsFailedAndItsPostCanBeDeleted() throws Exception {
        XPublishingTest.Account x = connectX();
        String postId = duePost(x, "Keeps crashing " + UUID.randomUUID(), List.of());
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            claimedByAnInstanceThatDies("instance-crashing-" + attempt);
        }

        cycle();

        JsonPath post = postOf(x, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("failed");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("internal_error");
        assertThat(post.getString("status")).isEqualTo("failed");
        fake.verify(0, postRequestedFor(urlPathEqualTo("/x/2/tweets")));
        as(x.user()).delete("/api/posts/" + postId).then().statusCode(204);
    }

    @Test
    void aPublishThatKeepsFailingUnexpectedlyIsRecoveredUntilTheCapThenFailsAsInternalError() throws Exception {
        Api.Account user = Api.register();
        UUID connection;
        try (Connection c = Sql.connect()) {
            connection = Sql.insertConnection(c, UUID.fromString(user.userId()), "x");
            // A token the vault cannot open (a key removed too early): every publish of it throws.
            Sql.exec(c, "update user_platforms set access_token_ciphertext = 'v0:not-a-sealed-token' where id = ?",
                     connection);
        }
        XPublishingTest.Account x = new XPublishingTest.Account(user, connection.toString(), "1", null);
        String postId = duePost(x, "Unopenable " + UUID.randomUUID(), List.of());

        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            cycle();
            JsonPath post = postOf(x, postId);
            assertThat(post.getString("targets[0].status")).isEqualTo("publishing");
            assertThat(post.getInt("targets[0].attempts")).isEqualTo(attempt);
            clock.advance(config.maxBackoff().multipliedBy(2)); // past any backoff with its jitter
        }
        cycle();

        JsonPath post = postOf(x, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("failed");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("internal_error");
        fake.verify(0, postRequestedFor(urlPathEqualTo("/x/2/tweets")));
        as(user).post("/api/posts/" + postId + "/targets/" + targetOf(x, postId) + "/retry").then().statusCode(202);
        as(user).post("/api/posts/" + postId + "/cancel").then().statusCode(200);
    }

    @Test
    void cancelTouchesOnlyTargetsStillPendingAndSays409WhenNoneIs() throws Exception {
        Api.Account user = Api.register();
        UUID xConnection;
        UUID liConnection;
        try (Connection c = Sql.connect()) {
            xConnection = Sql.insertConnection(c, UUID.fromString(user.userId()), "x");
            liConnection = Sql.insertConnection(c, UUID.fromString(user.userId()), "linkedin");
        }
        String postId = as(user).contentType("application/json").body(Map.of(
                        "content", "Two targets " + UUID.randomUUID(),
                        "scheduled_at", clock.instant().plusSeconds(60).toString(),
                        "targets", List.of(Map.of("connection_id", xConnection.toString()),
                                           Map.of("connection_id", liConnection.toString()))))
                .post("/api/posts").then().statusCode(201).extract().path("id");
        clock.advance(Duration.ofSeconds(61));
        // The engine claims the X target (as far as the platform filter lets it) before the user cancels.
        List<Claimed> claimed = claim("instance-busy", List.of("x"));
        assertThat(claimed).hasSize(1);

        as(user).post("/api/posts/" + postId + "/cancel").then().statusCode(200)
                .body("targets.find { it.platform == 'x' }.status", equalTo("publishing"))
                .body("targets.find { it.platform == 'linkedin' }.status", equalTo("cancelled"))
                .body("status", equalTo("publishing"));
        as(user).post("/api/posts/" + postId + "/cancel").then().statusCode(409);
        as(user).delete("/api/posts/" + postId).then().statusCode(409);
    }

    private void awaitRequests(String path, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fake.findAll(postRequestedFor(urlPathEqualTo(path))).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fake.findAll(postRequestedFor(urlPathEqualTo(path)))).hasSizeGreaterThanOrEqualTo(count);
    }
}
