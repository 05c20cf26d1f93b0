package dev.poststride.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.poststride.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.OAuthFlow;
import dev.poststride.support.PlatformStubs;
import dev.poststride.support.Sql;
import dev.poststride.support.TimeTravel;
import dev.poststride.support.WebhookReceiver;
import dev.poststride.support.WebhookReceiver.Received;
import dev.poststride.webhook.WebhookWorker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each step of a post's life reaches a webhook as it happens, through the real engine and the X fake: scheduled,
 * published (with the platform's id and permalink), failed (with the typed error), retrying, partially published,
 * cancelled, and the account needing reconnection or disconnected. Every delivery carries the API's own view and a
 * signature the Standard Webhooks verifier accepts.
 */
@QuarkusTest
class LifecycleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WebhookReceiver receiver;

    @InjectFakePlatforms
    WireMockServer fake;

    @Inject
    WebhookWorker worker;

    @BeforeAll
    static void startReceiver() {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void isolate() throws Exception {
        fake.resetAll();
        Sql.cancelOpenTargets();
        worker.round();
        receiver.answer(204);
    }

    @Test
    void everyStepOfAPostsLifeIsDeliveredAsTheApiShowsIt() throws Exception {
        XPublishingTest.Account x = XPublishingTest.connectX(fake);
        Map<String, String> hook = WebhookReceiver.register(x.user(), receiver.url("life"), null);

        String published = XPublishingTest.duePost(x, "Out " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(created("1771")));
        XPublishingTest.cycle();

        String failed = XPublishingTest.duePost(x, "Again " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"detail\":\"You are not allowed to create a Tweet with duplicate content.\","
                          + "\"title\":\"Forbidden\",\"status\":403}")));
        XPublishingTest.cycle();

        String retrying = XPublishingTest.duePost(x, "Later " + UUID.randomUUID(), List.of());
        long reset = Instant.now().plus(10, ChronoUnit.MINUTES).getEpochSecond();
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(429)
                .withHeader("x-rate-limit-reset", Long.toString(reset)).withHeader("x-rate-limit-remaining", "0")
                .withHeader("Content-Type", "application/json").withBody("{\"title\":\"Too Many Requests\"}")));
        XPublishingTest.cycle();

        String cancelled = as(x.user()).contentType(ContentType.JSON)
                .body(Map.of("content", "Never mind", "scheduled_at", Instant.now().plus(2, ChronoUnit.DAYS)
                        .toString(), "targets", List.of(Map.of("connection_id", x.connectionId()))))
                .post("/api/posts").then().statusCode(201).extract().path("id");
        as(x.user()).post("/api/posts/" + cancelled + "/cancel").then().statusCode(200);
        as(x.user()).post("/api/posts/" + retrying + "/cancel").then().statusCode(200);
        as(x.user()).delete("/api/platforms/connected/" + x.connectionId()).then().statusCode(204);

        worker.round();
        List<Received> got = receiver.received("life");
        assertThat(got).allSatisfy(delivery -> assertThat(delivery.verifiesWith(hook.get("secret"))).isTrue());
        assertThat(got.stream().map(Received::id).distinct()).hasSize(got.size());
        assertThat(types(got, published))
                .containsExactlyInAnyOrder("post.scheduled", "target.published", "post.published");
        assertThat(types(got, failed)).containsExactlyInAnyOrder("post.scheduled", "target.failed", "post.failed");
        assertThat(types(got, retrying))
                .containsExactlyInAnyOrder("post.scheduled", "target.retrying", "post.cancelled");
        assertThat(types(got, cancelled)).containsExactlyInAnyOrder("post.scheduled", "post.cancelled");
        assertThat(got).extracting(Received::type).contains("connection.revoked");

        JsonNode publishedTarget = only(got, "target.published", published).data().get("target");
        assertThat(publishedTarget.get("platform_post_id").asText()).isEqualTo("1771");
        assertThat(publishedTarget.get("permalink").asText()).contains("1771");
        JsonNode apiView = JSON.readTree(as(x.user()).get("/api/posts/" + published).asString());
        assertThat(only(got, "post.published", published).data()).isEqualTo(apiView);
        JsonNode failure = only(got, "target.failed", failed).data().get("target").get("last_error");
        assertThat(failure.get("code").asText()).isEqualTo("duplicate_content");
        assertThat(only(got, "target.retrying", retrying).data().get("target").get("next_attempt_at").asText())
                .isEqualTo(Instant.ofEpochSecond(reset).toString());
        JsonNode revoked = got.stream().filter(r -> r.type().equals("connection.revoked")).findFirst().orElseThrow()
                .data();
        assertThat(revoked.get("id").asText()).isEqualTo(x.connectionId());
        assertThat(revoked.get("status").asText()).isEqualTo("revoked");
        for (Received delivery : got) {
            assertThat(delivery.body()).doesNotContain(x.tokens().access()).doesNotContain(x.tokens().refresh());
        }
    }

    @Test
    void oneTargetOutAndOneRefusedIsPartiallyPublishedAndARevokedGrantAsksForReconnection() throws Exception {
        XPublishingTest.Account x = XPublishingTest.connectX(fake);
        String second = connectAnotherX(x);
        Map<String, String> hook = WebhookReceiver.register(x.user(), receiver.url("partial"),
                                                            List.of("post.partially_published",
                                                                    "connection.needs_reauth", "target.failed"));
        String postId = as(x.user()).contentType(ContentType.JSON)
                .body(Map.of("content", "Two accounts " + UUID.randomUUID(), "scheduled_at",
                             Instant.now().plus(1, ChronoUnit.DAYS).toString(), "targets",
                             List.of(Map.of("connection_id", x.connectionId()), Map.of("connection_id", second))))
                .post("/api/posts").then().statusCode(201).extract().path("id");
        TimeTravel.makeDue(postId);
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets"))
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + x.tokens().access()))
                             .willReturn(created("1772")));
        PlatformStubs.xRefreshRejected(fake, secondTokens.refresh(), "invalid_grant");
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets"))
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + secondTokens.access()))
                             .willReturn(aResponse().withStatus(401)));

        XPublishingTest.cycle();
        worker.round();

        List<Received> got = receiver.received("partial");
        assertThat(got).extracting(Received::type)
                .containsExactlyInAnyOrder("target.failed", "post.partially_published", "connection.needs_reauth");
        assertThat(got).allSatisfy(delivery -> assertThat(delivery.verifiesWith(hook.get("secret"))).isTrue());
        JsonNode reauth = got.stream().filter(r -> r.type().equals("connection.needs_reauth")).findFirst()
                .orElseThrow().data();
        assertThat(reauth.get("id").asText()).isEqualTo(second);
        assertThat(reauth.get("status").asText()).isEqualTo("needs_reauth");
    }

    private PlatformStubs.Tokens secondTokens;

    /** A second X account connected by the same user, into the same workspace. */
    private String connectAnotherX(XPublishingTest.Account x) {
        OAuthFlow.Started started = OAuthFlow.start(x.user(), "x");
        String code = OAuthFlow.newCode();
        secondTokens = PlatformStubs.xConnect(fake, code, Long.toString(2_000_000_000L + (long) (Math.random() * 1e6)),
                                              "second_account");
        return OAuthFlow.callback("x", code, started.state()).then().statusCode(200).extract().path("id");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String id) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"id\":\"" + id + "\",\"text\":\"x\"}}");
    }

    private static List<String> types(List<Received> got, String postId) {
        return got.stream().filter(r -> postId.equals(postIdOf(r))).map(Received::type).toList();
    }

    private static Received only(List<Received> got, String type, String postId) {
        List<Received> matching = got.stream().filter(r -> r.type().equals(type) && postId.equals(postIdOf(r)))
                .toList();
        assertThat(matching).as(type + " of " + postId).hasSize(1);
        return matching.get(0);
    }

    private static String postIdOf(Received received) {
        JsonNode data = received.data();
        if (data.has("post_id")) {
            return data.get("post_id").asText();
        }
        return data.has("targets") ? data.get("id").asText() : null;
    }
}
