package dev.poststride.workspace;

import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.poststride.support.Api;
import dev.poststride.support.MovableClock;
import dev.poststride.support.Sql;
import dev.poststride.support.WebhookReceiver;
import dev.poststride.webhook.WebhookWorker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Posts need approval": a contributor's scheduled post waits in {@code pending_approval}, which the engine never
 * publishes, until an editor approves it (scheduled, or draft if its time passed) or rejects it with a comment;
 * every step is in the post's history and the workspace's audit log.
 */
@QuarkusTest
class ApprovalTest {

    private static final String TRIGGER = "Bearer test-trigger-secret";

    @Inject
    MovableClock clock;

    @Inject
    WebhookWorker worker;

    private Api.Account owner;
    private Api.Account editor;
    private Api.Account contributor;
    private String team;
    private String connection;

    @BeforeEach
    void team() throws Exception {
        Sql.cancelOpenTargets();
        owner = Api.register();
        editor = Api.register();
        contributor = Api.register();
        team = WorkspaceTest.team(owner);
        WorkspaceTest.join(owner, team, editor, "editor");
        WorkspaceTest.join(owner, team, contributor, "contributor");
        try (Connection c = Sql.connect()) {
            connection = Sql.insertConnection(c, UUID.fromString(team), UUID.fromString(owner.userId()), "linkedin")
                    .toString();
        }
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void approvals(String who) {
        as(owner).contentType(ContentType.JSON).body(Map.of("approvals", who)).patch("/api/workspaces/" + team)
                .then().statusCode(200).body("approvals", equalTo(who));
    }

    private Response schedule(Api.Account by, String text, Duration ahead) {
        return as(by).header("X-Workspace-Id", team).contentType(ContentType.JSON).body(Map.of(
                "content", text, "scheduled_at", clock.instant().plus(ahead).truncatedTo(ChronoUnit.SECONDS).toString(),
                "targets", List.of(Map.of("connection_id", connection)))).post("/api/posts");
    }

    private io.restassured.response.ValidatableResponse decide(Api.Account by, String post, String decision,
                                                               String comment) {
        var request = as(by).header("X-Workspace-Id", team).contentType(ContentType.JSON);
        if (comment != null) {
            request = request.body(Map.of("comment", comment));
        }
        return request.post("/api/posts/" + post + "/" + decision).then();
    }

    @Test
    void aContributorsPostWaitsForAnEditorAndTheEngineNeverTakesItMeanwhile() {
        problem(schedule(contributor, "too soon", Duration.ofHours(1)).then(), 403); // approvals are off
        approvals("contributors");
        String waiting = schedule(contributor, "launch", Duration.ofHours(1)).then().statusCode(201)
                .body("status", equalTo("pending_approval")).extract().path("id");
        String later = schedule(contributor, "next week", Duration.ofDays(7)).then().statusCode(201)
                .body("status", equalTo("pending_approval")).extract().path("id");
        schedule(editor, "the editor's own", Duration.ofDays(7)).then().statusCode(201)
                .body("status", equalTo("scheduled"));

        problem(decide(contributor, later, "approve", null), 403);
        decide(editor, later, "approve", null).statusCode(200).body("status", equalTo("scheduled"));
        problem(decide(editor, later, "approve", null), 409); // decided already

        clock.advance(Duration.ofHours(2));
        JsonPath cycle = given().header("Authorization", TRIGGER).post("/api/internal/publish-cycle").then()
                .statusCode(200).extract().jsonPath();
        assertThat(cycle.getInt("claimed")).isZero(); // the due post awaits approval
        decide(editor, waiting, "approve", null).statusCode(200).body("status", equalTo("draft")); // its time passed

        as(contributor).header("X-Workspace-Id", team).get("/api/posts/" + waiting + "/history").then()
                .statusCode(200).body("items.to_status", contains("pending_approval", "draft"))
                .body("items.actor_user_id", contains(contributor.userId(), editor.userId()));
    }

    @Test
    void approvalRequestsAndDecisionsReachTheWorkspacesWebhooks() throws Exception {
        approvals("contributors");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Map<String, String> hook = registerWebhook(receiver.url("approvals"));
            String approved = schedule(contributor, "yes please", Duration.ofDays(1)).then().statusCode(201)
                    .extract().path("id");
            String rejected = schedule(contributor, "no thanks", Duration.ofDays(1)).then().statusCode(201)
                    .extract().path("id");
            decide(editor, approved, "approve", null).statusCode(200);
            decide(editor, rejected, "reject", "Not this one").statusCode(200);
            worker.round();

            List<WebhookReceiver.Received> got = receiver.received("approvals");
            assertThat(got).allSatisfy(r -> assertThat(r.verifiesWith(hook.get("secret"))).isTrue());
            assertThat(got.stream().filter(r -> r.type().equals("approval.requested"))
                               .map(r -> r.data().get("id").asText())).containsExactlyInAnyOrder(approved, rejected);
            WebhookReceiver.Received no = got.stream().filter(r -> r.type().equals("approval.decided")
                    && r.data().get("post").get("id").asText().equals(rejected)).findFirst().orElseThrow();
            assertThat(no.data().get("decision").asText()).isEqualTo("rejected");
            assertThat(no.data().get("comment").asText()).isEqualTo("Not this one");
            assertThat(no.data().get("post").get("status").asText()).isEqualTo("draft");
            assertThat(got.stream().filter(r -> r.type().equals("post.scheduled"))
                               .map(r -> r.data().get("id").asText())).containsExactly(approved);
        }
    }

    private Map<String, String> registerWebhook(String url) {
        var created = as(owner).header("X-Workspace-Id", team).contentType(ContentType.JSON)
                .body(Map.of("url", url)).post("/api/webhooks").then().statusCode(201).extract().jsonPath();
        return Map.of("id", created.getString("webhook.id"), "secret", created.getString("secret"));
    }

    @Test
    void aRejectionSendsThePostBackToDraftWithItsComment() {
        approvals("contributors");
        String post = schedule(contributor, "hot take", Duration.ofDays(1)).then().statusCode(201).extract()
                .path("id");
        decide(editor, post, "reject", "Tone it down, please").statusCode(200).body("status", equalTo("draft"));
        as(contributor).header("X-Workspace-Id", team).get("/api/posts/" + post + "/history").then()
                .body("items.to_status", contains("pending_approval", "draft"))
                .body("items[1].comment", equalTo("Tone it down, please"))
                .body("items[1].from_status", equalTo("pending_approval"));
        as(owner).get("/api/workspaces/" + team + "/audit?size=2").then()
                .body("items.action", contains("approval.decided", "approval.requested"))
                .body("items[0].details.decision", equalTo("rejected"))
                .body("items[0].actor_user_id", equalTo(editor.userId()));
    }

    @Test
    void withApprovalsForEveryoneEvenAnEditorNeedsASecondPerson() {
        approvals("everyone");
        String post = schedule(editor, "four eyes", Duration.ofDays(1)).then().statusCode(201)
                .body("status", equalTo("pending_approval")).extract().path("id");
        problem(decide(editor, post, "approve", null), 403); // not their own
        decide(owner, post, "approve", null).statusCode(200).body("status", equalTo("scheduled"));
        problem(as(owner).contentType(ContentType.JSON).body(Map.of("approvals", "sometimes"))
                        .patch("/api/workspaces/" + team).then(), 422);
    }

    /**
     * Two decisions at once: the second was read before the first committed and waited for the post's lock. It must
     * not write its stale copy back (an approval of a post that was just sent back to draft): 409, and the first
     * decision stands. Fails without the posts' optimistic version.
     */
    @Test
    void aDecisionOnAPostThatChangedWhileItWaitedForTheLockIs409AndChangesNothing() throws Exception {
        approvals("contributors");
        UUID post = UUID.fromString(schedule(contributor, "raced", Duration.ofDays(1)).then().statusCode(201)
                                            .body("status", equalTo("pending_approval")).extract().path("id"));
        try (Connection first = Sql.connect()) {
            first.setAutoCommit(false);
            // The first decision holds the post's lock and sends it back to draft, as a rejection does.
            Sql.exec(first, "update posts set status = 'draft', version = version + 1 where id = ?", post);
            java.util.concurrent.CompletableFuture<Integer> approving = java.util.concurrent.CompletableFuture
                    .supplyAsync(Sql.withCallersClassLoader(() -> decide(editor, post.toString(), "approve", null)
                            .extract().statusCode()));
            Sql.awaitSomeoneBlockedBy(first);
            first.commit();
            assertThat(approving.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(409);
        }
        as(owner).header("X-Workspace-Id", team).get("/api/posts/" + post).then().statusCode(200)
                .body("status", equalTo("draft"));
    }
}
