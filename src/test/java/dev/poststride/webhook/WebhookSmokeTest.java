package dev.poststride.webhook;

import static dev.poststride.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.Api;
import dev.poststride.support.Sql;
import dev.poststride.support.WebhookReceiver;
import dev.poststride.support.WebhookReceiver.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A webhook end to end through nothing but HTTP (so {@code WebhookIT} runs it against the packaged binary): an
 * endpoint registered, a post scheduled, the cron's webhook cycle run, and the receiver holding a signed
 * {@code post.scheduled} the Standard Webhooks verifier accepts, then a test event.
 */
@QuarkusTest
class WebhookSmokeTest {

    private static final String TRIGGER = "Bearer test-trigger-secret";

    @Test
    void aScheduledPostReachesARegisteredEndpointSigned() throws Exception {
        Sql.retireOpenDeliveries();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Api.Account owner = Api.register();
            Map<String, String> hook = WebhookReceiver.register(owner, receiver.url("smoke"),
                                                                List.of("post.scheduled"));
            UUID connection;
            try (Connection c = Sql.connect()) {
                connection = Sql.insertConnection(c, UUID.fromString(owner.userId()), "linkedin");
            }
            String post = as(owner).contentType(ContentType.JSON)
                    .body(Map.of("content", "Webhooks work", "scheduled_at",
                                 Instant.now().plus(3, ChronoUnit.DAYS).toString(),
                                 "targets", List.of(Map.of("connection_id", connection.toString()))))
                    .post("/api/posts").then().statusCode(201).extract().path("id");
            as(owner).post("/api/webhooks/" + hook.get("id") + "/test").then().statusCode(202);

            for (int round = 0; round < 5 && receiver.received("smoke").size() < 2; round++) {
                given().header("Authorization", TRIGGER).post("/api/internal/webhook-cycle").then()
                        .statusCode(200);
            }

            List<Received> got = receiver.received("smoke");
            assertThat(got).extracting(Received::type).containsExactlyInAnyOrder("post.scheduled", "webhook.test");
            assertThat(got).allSatisfy(r -> assertThat(r.verifiesWith(hook.get("secret"))).isTrue());
            Received scheduled = got.stream().filter(r -> r.type().equals("post.scheduled")).findFirst()
                    .orElseThrow();
            assertThat(scheduled.data().get("id").asText()).isEqualTo(post);
            assertThat(scheduled.data().get("status").asText()).isEqualTo("scheduled");
            as(owner).get("/api/webhooks/" + hook.get("id") + "/deliveries").then().statusCode(200)
                    .body("items.status", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo(
                            "delivered")));
        }
    }
}
