package dev.poststride.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.poststride.event.EventType;
import dev.poststride.event.Outbox;
import dev.poststride.support.Api;
import dev.poststride.support.MovableClock;
import dev.poststride.support.Sql;
import dev.poststride.support.WebhookReceiver;
import dev.poststride.support.WebhookReceiver.Received;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery against a real receiving server: signatures a Standard Webhooks verifier accepts, retries with
 * growing waits (time moved with the injected clock), take-over of a delivery whose instance died, nothing sent for
 * a change that rolled back, private addresses refused before any connection, rotation, disabling, redelivery.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static WebhookReceiver receiver;

    @Inject
    WebhookWorker worker;

    @Inject
    Deliveries deliveries;

    @Inject
    Outbox outbox;

    @Inject
    MovableClock clock;

    private Api.Account owner;
    private UUID workspace;

    @BeforeAll
    static void startReceiver() {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void fresh() throws Exception {
        worker.round(); // whatever earlier tests left due
        receiver.answer(204);
        owner = Api.register();
        try (Connection c = Sql.connect()) {
            workspace = Sql.personalWorkspace(c, UUID.fromString(owner.userId()));
        }
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** An event of this workspace, recorded as the services record them (in a transaction of its own). */
    private UUID event(String text) {
        return QuarkusTransaction.requiringNew().call(
                () -> outbox.record(workspace, EventType.POST_SCHEDULED, Map.of("content", text)));
    }

    private JsonPath deliveriesOf(String hookId) {
        return as(owner).get("/api/webhooks/" + hookId + "/deliveries").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anEventArrivesOnceSignedAsStandardWebhooksVerifiersExpect() {
        Map<String, String> hook = WebhookReceiver.register(owner, receiver.url("signed"), null);
        UUID id = event("signed");

        WebhookWorker.Round round = worker.round();

        assertThat(round.delivered()).isGreaterThanOrEqualTo(1);
        List<Received> got = receiver.received("signed");
        assertThat(got).hasSize(1);
        Received delivery = got.get(0);
        assertThat(delivery.id()).isEqualTo(id.toString());
        assertThat(delivery.verifiesWith(hook.get("secret"))).isTrue();
        assertThat(delivery.verifiesWith(WebhookSignature.newSecret())).isFalse();
        assertThat(delivery.type()).isEqualTo("post.scheduled");
        assertThat(delivery.json().get("workspace_id").asText()).isEqualTo(workspace.toString());
        assertThat(delivery.data().get("content").asText()).isEqualTo("signed");
        JsonPath log = deliveriesOf(hook.get("id"));
        assertThat(log.getString("items[0].status")).isEqualTo("delivered");
        assertThat(log.getInt("items[0].log[0].status_code")).isEqualTo(204);
        assertThat(log.getString("items[0].log[0].outcome")).isEqualTo("delivered");

        worker.round();
        assertThat(receiver.received("signed")).hasSize(1); // delivered once
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("poststride_webhook_deliveries_total{outcome=\"delivered\"}"))
                .body(containsString("poststride_events_outbox_lag_seconds"));
        as(owner).get("/api/webhooks/" + hook.get("id")).then().statusCode(200).body("secret", nullValue())
                .body(containsStringNot(hook.get("secret")));
    }

    private static org.hamcrest.Matcher<String> containsStringNot(String text) {
        return org.hamcrest.Matchers.not(containsString(text));
    }

    @Test
    void failuresAreRetriedWithGrowingWaitsUntilTheReceiverTakesIt() {
        Map<String, String> hook = WebhookReceiver.register(owner, receiver.url("flaky"), null);
        receiver.server().resetAll();
        receiver.server().stubFor(post(urlPathEqualTo("/hooks/flaky")).inScenario("flaky")
                                          .whenScenarioStateIs(Scenario.STARTED)
                                          .willReturn(aResponse().withStatus(500).withBody("database down"))
                                          .willSetStateTo("slow"));
        receiver.server().stubFor(post(urlPathEqualTo("/hooks/flaky")).inScenario("flaky")
                                          .whenScenarioStateIs("slow")
                                          .willReturn(aResponse().withStatus(200).withFixedDelay(3_000))
                                          .willSetStateTo("up"));
        receiver.server().stubFor(post(urlPathEqualTo("/hooks/flaky")).inScenario("flaky")
                                          .whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));
        event("flaky");

        worker.round(); // 500
        Instant afterFirst = clock.instant();
        Instant second = nextAttempt(hook);
        worker.round(); // not due yet
        assertThat(receiver.received("flaky")).hasSize(1);

        clock.advance(Duration.between(afterFirst, second).plusSeconds(1));
        worker.round(); // times out (the test profile's timeout is 2 s)
        Instant afterSecond = clock.instant();
        Instant third = nextAttempt(hook);
        clock.advance(Duration.between(afterSecond, third).plusSeconds(1));
        worker.round(); // 200

        List<Received> got = receiver.received("flaky");
        assertThat(got).hasSize(3);
        assertThat(got.stream().map(Received::id).distinct()).hasSize(1); // one webhook-id for every attempt
        Duration firstWait = Duration.between(afterFirst, second);
        Duration secondWait = Duration.between(afterSecond, third);
        assertThat(firstWait).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(7)); // 5 s ± 20 %
        assertThat(secondWait).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6)); // 5 min ± 20 %
        JsonPath log = deliveriesOf(hook.get("id"));
        assertThat(log.getString("items[0].status")).isEqualTo("delivered");
        assertThat(log.getList("items[0].log.outcome")).containsExactly("http_error", "timeout", "delivered");
        assertThat(log.getString("items[0].log[0].response_excerpt")).isEqualTo("database down");
        assertThat(log.getInt("items[0].log[0].status_code")).isEqualTo(500);
    }

    private Instant nextAttempt(Map<String, String> hook) {
        JsonPath log = deliveriesOf(hook.get("id"));
        assertThat(log.getString("items[0].status")).isEqualTo("pending");
        return Instant.parse(log.getString("items[0].next_attempt_at"));
    }

    @Test
    void aDeliveryWhoseInstanceDiedIsTakenOverAndSentWithTheSameId() {
        WebhookReceiver.register(owner, receiver.url("orphan"), null);
        UUID id = event("orphan");
        worker.round(); // delivered: now make one that an instance claims and never finishes
        UUID second = event("orphan again");
        // Position and queue it without sending (the relay half of a round), then another instance claims it and
        // dies before sending.
        worker.positionEvents();
        List<Deliveries.Claimed> claimed = deliveries.claim("instance-that-dies", 100, clock.instant());
        assertThat(claimed).extracting(Deliveries.Claimed::eventId).contains(second.toString());

        worker.round();
        assertThat(receiver.received("orphan")).extracting(Received::id).containsExactly(id.toString());

        clock.advance(Duration.ofMinutes(2)); // past the dead instance's lease
        worker.round();
        assertThat(receiver.received("orphan")).extracting(Received::id)
                .containsExactly(id.toString(), second.toString());
    }

    @Test
    void aChangeThatRolledBackSendsNothing() throws Exception {
        WebhookReceiver.register(owner, receiver.url("rolled-back"), null);
        UUID[] written = new UUID[1];
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                written[0] = outbox.record(workspace, EventType.POST_CANCELLED, Map.of("content", "never"));
                throw new IllegalStateException("the change fails after its event was written");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        worker.round();
        assertThat(receiver.received("rolled-back")).isEmpty();
        try (Connection c = Sql.connect()) {
            assertThat(((Number) Sql.value(c, "select count(*) from events where id = ?", written[0])).intValue())
                    .isZero();
        }
    }

    @Test
    void privateAndLoopbackAddressesAreRefusedAtRegistrationAndBeforeEverySend() throws Exception {
        for (String url : List.of("http://127.0.0.2:" + receiver.port() + "/hooks/private",
                                  "http://169.254.169.254/latest/meta-data", "http://10.1.2.3/hook",
                                  "http://[::1]:" + receiver.port() + "/hooks/private",
                                  "http://0.0.0.0:" + receiver.port() + "/hooks/private",
                                  "http://100.64.0.1/hook", "http://user:pass@127.0.0.1:1/hook",
                                  "ftp://127.0.0.1/hook", "not a url")) {
            problem(as(owner).contentType(ContentType.JSON).body(Map.of("url", url)).post("/api/webhooks").then(),
                    422).body("errors[0].field", equalTo("url"));
        }
        // A host whose address changed after registration (DNS rebinding): checked again before the send, and
        // nothing reaches the address it now has.
        Map<String, String> hook = WebhookReceiver.register(owner, receiver.url("private"), null);
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update webhook_endpoints set url = ? where id = ?",
                     "http://127.0.0.2:" + receiver.port() + "/hooks/private", UUID.fromString(hook.get("id")));
        }
        event("to a private address");
        worker.round();

        assertThat(receiver.received("private")).isEmpty();
        JsonPath log = deliveriesOf(hook.get("id"));
        assertThat(log.getString("items[0].log[0].outcome")).isEqualTo("refused");
        assertThat(log.getString("items[0].log[0].error")).contains("127.0.0.2");
        assertThat(log.getString("items[0].status")).isEqualTo("pending"); // retried in case the address changes
    }

    @Test
    void httpsIsRequiredOutsideDevelopment() {
        AddressPolicy production = new AddressPolicy(true, List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> production.parse("http://hooks.example.com/x"))
                .hasMessageContaining("https://");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> production.resolve("https://127.0.0.1/x"))
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneUntilTheOverlapEnds() {
        Map<String, String> hook = WebhookReceiver.register(owner, receiver.url("rotated"), null);
        String rotated = as(owner).contentType(ContentType.JSON).body(Map.of("overlap_seconds", 3600))
                .post("/api/webhooks/" + hook.get("id") + "/rotate-secret").then().statusCode(200)
                .body("webhook.previous_secret_expires_at", org.hamcrest.Matchers.notNullValue())
                .extract().path("secret");
        event("during the overlap");
        worker.round();
        Received during = receiver.received("rotated").get(0);
        assertThat(during.signature().split(" ")).hasSize(2);
        assertThat(during.verifiesWith(rotated)).isTrue();
        assertThat(during.verifiesWith(hook.get("secret"))).isTrue();

        clock.advance(Duration.ofHours(2));
        event("after the overlap");
        worker.round();
        Received after = receiver.received("rotated").get(1);
        assertThat(after.signature().split(" ")).hasSize(1);
        assertThat(WebhookSignature.header(List.of(rotated), after.id(), Long.parseLong(after.timestamp()),
                                           after.body())).isEqualTo(after.signature());
        assertThat(WebhookSignature.header(List.of(hook.get("secret")), after.id(),
                                           Long.parseLong(after.timestamp()), after.body()))
                .isNotEqualTo(after.signature());
    }

    @Test
    void anEndpointFailingForDaysIsDisabledUntilEnabledAgainThenRedeliveryWorks() {
        Map<String, String> hook = WebhookReceiver.register(owner, receiver.url("down"), null);
        receiver.answer(503);
        event("into the void");
        worker.round();
        as(owner).get("/api/webhooks/" + hook.get("id")).then().body("status", equalTo("active"))
                .body("failing_since", org.hamcrest.Matchers.notNullValue());

        clock.advance(Duration.ofDays(5).plusHours(1));
        event("still down");
        worker.round();
        as(owner).get("/api/webhooks/" + hook.get("id")).then().body("status", equalTo("disabled"))
                .body("disabled_reason", containsString("failed for 120 hours"));
        int attemptsWhenDisabled = receiver.received("down").size();
        clock.advance(Duration.ofDays(1));
        worker.round();
        assertThat(receiver.received("down")).hasSize(attemptsWhenDisabled); // nothing goes to a disabled endpoint

        receiver.answer(200);
        as(owner).contentType(ContentType.JSON).body(Map.of("enabled", true))
                .patch("/api/webhooks/" + hook.get("id")).then().statusCode(200).body("status", equalTo("active"));
        worker.round();
        JsonPath log = deliveriesOf(hook.get("id"));
        List<String> statuses = log.getList("items.status");
        assertThat(statuses).contains("delivered");

        String first = log.getString("items[1].id");
        String firstEvent = log.getString("items[1].event_id");
        as(owner).post("/api/webhooks/" + hook.get("id") + "/deliveries/" + first + "/redeliver").then()
                .statusCode(202).body("status", equalTo("pending")).body("attempts", equalTo(0));
        worker.round();
        List<Received> got = receiver.received("down");
        assertThat(got.get(got.size() - 1).id()).isEqualTo(firstEvent);
        problem(as(owner).post("/api/webhooks/" + hook.get("id") + "/deliveries/" + UUID.randomUUID()
                               + "/redeliver").then(), 404);
    }

    @Test
    void aTestEventGoesToTheOneEndpointEvenWhenItsFilterWouldNotTakeIt() {
        Map<String, String> filtered = WebhookReceiver.register(owner, receiver.url("filtered"),
                                                                List.of("target.failed"));
        Map<String, String> other = WebhookReceiver.register(owner, receiver.url("other"), null);
        as(owner).post("/api/webhooks/" + filtered.get("id") + "/test").then().statusCode(202);
        event("not for the filtered one");
        worker.round();

        assertThat(receiver.received("filtered")).extracting(Received::type).containsExactly("webhook.test");
        assertThat(receiver.received("filtered").get(0).verifiesWith(filtered.get("secret"))).isTrue();
        assertThat(receiver.received("other")).extracting(Received::type).containsExactly("post.scheduled");
        problem(as(owner).contentType(ContentType.JSON).body(Map.of("url", receiver.url("x"), "event_types",
                                                                    List.of("post.exploded")))
                        .post("/api/webhooks").then(), 422).body("errors[0].field", equalTo("event_types"));
        assertThat(other).containsKey("secret");
    }

    @Test
    void anotherWorkspacesWebhooksAreNotFoundAndGetNothing() {
        Map<String, String> mine = WebhookReceiver.register(owner, receiver.url("mine"), null);
        Api.Account stranger = Api.register();
        problem(as(stranger).get("/api/webhooks/" + mine.get("id")).then(), 404);
        problem(as(stranger).delete("/api/webhooks/" + mine.get("id")).then(), 404);
        problem(as(stranger).get("/api/webhooks/" + mine.get("id") + "/deliveries").then(), 404);
        WebhookReceiver.register(stranger, receiver.url("theirs"), null);
        event("mine only");
        worker.round();
        assertThat(receiver.received("mine")).hasSize(1);
        assertThat(receiver.received("theirs")).isEmpty();
    }

    @Test
    void twoInstancesClaimingAtOnceNeverTakeTheSameDelivery() throws Exception {
        WebhookReceiver.register(owner, receiver.url("shared"), null);
        for (int i = 0; i < 60; i++) {
            event("shared " + i);
        }
        worker.positionEvents();
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Callable<List<UUID>>> instances = new ArrayList<>();
        for (String instance : List.of("instance-a", "instance-b")) {
            instances.add(() -> {
                List<UUID> mine = new ArrayList<>();
                List<Deliveries.Claimed> batch;
                while (!(batch = deliveries.claim(instance, 7, clock.instant())).isEmpty()) {
                    batch.forEach(claimed -> mine.add(claimed.id()));
                }
                return mine;
            });
        }
        List<UUID> all = new ArrayList<>();
        for (Future<List<UUID>> result : two.invokeAll(instances)) {
            all.addAll(result.get());
        }
        two.shutdown();
        Set<UUID> distinct = new HashSet<>(all);
        assertThat(all).hasSize(distinct.size()).hasSizeGreaterThanOrEqualTo(60);
        clock.advance(Duration.ofMinutes(2)); // both "instances" are gone: their leases end, the worker sends all
        worker.round();
        assertThat(receiver.received("shared")).hasSize(60);
        assertThat(receiver.received("shared").stream().map(Received::id).distinct()).hasSize(60);
    }
}
