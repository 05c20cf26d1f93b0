package dev.poststride.workspace;

import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.poststride.support.Api;
import dev.poststride.support.MovableClock;
import dev.poststride.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Workspaces with several members: invitations, roles, leaving, ownership, and the audit log of it all. */
@QuarkusTest
class WorkspaceTest {

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A shared workspace created by {@code owner}; answers its id. */
    static String team(Api.Account owner) {
        return as(owner).contentType(ContentType.JSON).body(Map.of("name", "Agency " + UUID.randomUUID()))
                .post("/api/workspaces").then().statusCode(201).body("role", equalTo("owner"))
                .body("personal", equalTo(false)).extract().path("id");
    }

    /** Invites {@code who} with {@code role} and has them accept; answers the invitation's view. */
    static JsonPath join(Api.Account owner, String workspace, Api.Account who, String role) {
        JsonPath invitation = invite(owner, workspace, who.email(), role).then().statusCode(201).extract().jsonPath();
        as(who).contentType(ContentType.JSON).body(Map.of("token", invitation.getString("token")))
                .post("/api/invitations/accept").then().statusCode(200).body("id", equalTo(workspace))
                .body("role", equalTo(role));
        return invitation;
    }

    static io.restassured.response.Response invite(Api.Account by, String workspace, String email, String role) {
        return as(by).contentType(ContentType.JSON).body(Map.of("email", email, "role", role))
                .post("/api/workspaces/" + workspace + "/invitations");
    }

    @Test
    void everyUserHasAPersonalWorkspaceThatCannotBeSharedLeftOrDeleted() {
        Api.Account user = Api.register();
        as(user).get("/api/workspaces").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].personal", equalTo(true)).body("items[0].role", equalTo("owner"))
                .body("items[0].id", equalTo(user.workspaceId()));
        problem(invite(user, user.workspaceId(), Api.uniqueEmail(), "editor").then(), 409);
        problem(as(user).post("/api/workspaces/" + user.workspaceId() + "/leave").then(), 409);
        problem(as(user).delete("/api/workspaces/" + user.workspaceId()).then(), 409);
        // the default workspace of every workspace-owned call is the personal one
        as(user).contentType(ContentType.JSON).body(Map.of("content", "mine")).post("/api/posts").then()
                .statusCode(201);
        as(user).header("X-Workspace-Id", user.workspaceId()).get("/api/posts").then().body("total_items", equalTo(1));
        problem(as(user).header("X-Workspace-Id", "not-a-uuid").get("/api/posts").then(), 404);
        problem(as(user).header("X-Workspace-Id", UUID.randomUUID().toString()).get("/api/posts").then(), 404);
    }

    @Test
    void anInvitationIsShownOnceUsedOnceAndOnlyByItsAddressee() throws Exception {
        Api.Account owner = Api.register();
        Api.Account invited = Api.register();
        Api.Account stranger = Api.register();
        String team = team(owner);

        JsonPath invitation = invite(owner, team, invited.email().toUpperCase(java.util.Locale.ROOT), "editor")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString(team))
                .body("status", equalTo("pending")).body("token", startsWith("psi_")).extract().jsonPath();
        String token = invitation.getString("token");
        as(owner).get("/api/workspaces/" + team + "/invitations").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].token", nullValue());
        try (Connection c = Sql.connect()) {
            assertThat(Sql.value(c, "select count(*) from workspace_invitations where token_hash = ?", token))
                    .isEqualTo(0L); // only a hash is kept
        }

        Map<String, String> body = Map.of("token", token);
        problem(as(stranger).contentType(ContentType.JSON).body(body).post("/api/invitations/accept").then(), 404);
        problem(as(stranger).get("/api/workspaces/" + team).then(), 404);
        as(invited).contentType(ContentType.JSON).body(body).post("/api/invitations/accept").then().statusCode(200)
                .body("role", equalTo("editor"));
        problem(as(invited).contentType(ContentType.JSON).body(body).post("/api/invitations/accept").then(), 404);
        as(owner).get("/api/workspaces/" + team + "/members").then().statusCode(200)
                .body("items.user_id", containsInAnyOrder(owner.userId(), invited.userId()))
                .body("items.role", containsInAnyOrder("owner", "editor"));
        as(invited).get("/api/workspaces").then().body("items", hasSize(2));
        problem(invite(owner, team, invited.email(), "viewer").then(), 409); // a member already
    }

    @Test
    void aDeclinedRevokedOrExpiredInvitationCannotBeAccepted() {
        Api.Account owner = Api.register();
        Api.Account invited = Api.register();
        String team = team(owner);

        String declined = invite(owner, team, invited.email(), "viewer").then().statusCode(201).extract()
                .path("token");
        as(invited).contentType(ContentType.JSON).body(Map.of("token", declined)).post("/api/invitations/decline")
                .then().statusCode(204);
        problem(as(invited).contentType(ContentType.JSON).body(Map.of("token", declined))
                        .post("/api/invitations/accept").then(), 404);

        JsonPath revoked = invite(owner, team, invited.email(), "viewer").then().statusCode(201).extract().jsonPath();
        as(owner).delete("/api/workspaces/" + team + "/invitations/" + revoked.getString("id")).then()
                .statusCode(204);
        problem(as(invited).contentType(ContentType.JSON).body(Map.of("token", revoked.getString("token")))
                        .post("/api/invitations/accept").then(), 404);

        String late = invite(owner, team, invited.email(), "viewer").then().statusCode(201).extract().path("token");
        clock.advance(Duration.ofDays(8));
        problem(as(invited).contentType(ContentType.JSON).body(Map.of("token", late))
                        .post("/api/invitations/accept").then(), 404);
        as(owner).get("/api/workspaces/" + team + "/invitations").then()
                .body("items.status", containsInAnyOrder("declined", "revoked", "pending"));
        problem(invite(owner, team, invited.email(), "owner").then(), 422); // ownership is transferred, not given
    }

    @Test
    void rolesChangeMembersLeaveOrAreRemovedAndTheLastOwnerStays() {
        Api.Account owner = Api.register();
        Api.Account admin = Api.register();
        Api.Account editor = Api.register();
        String team = team(owner);
        join(owner, team, admin, "admin");
        join(owner, team, editor, "viewer");

        as(admin).contentType(ContentType.JSON).body(Map.of("role", "editor"))
                .patch("/api/workspaces/" + team + "/members/" + editor.userId()).then().statusCode(200)
                .body("role", equalTo("editor"));
        problem(as(admin).contentType(ContentType.JSON).body(Map.of("role", "owner"))
                        .patch("/api/workspaces/" + team + "/members/" + editor.userId()).then(), 403);
        problem(as(admin).delete("/api/workspaces/" + team + "/members/" + owner.userId()).then(), 403);
        problem(as(editor).delete("/api/workspaces/" + team + "/members/" + admin.userId()).then(), 403);
        problem(as(owner).post("/api/workspaces/" + team + "/leave").then(), 409); // the last owner

        as(owner).contentType(ContentType.JSON).body(Map.of("user_id", admin.userId()))
                .post("/api/workspaces/" + team + "/transfer-ownership").then().statusCode(200)
                .body("user_id", equalTo(admin.userId())).body("role", equalTo("owner"));
        as(owner).get("/api/workspaces/" + team).then().body("role", equalTo("admin"));
        as(owner).post("/api/workspaces/" + team + "/leave").then().statusCode(204);
        problem(as(owner).get("/api/workspaces/" + team).then(), 404);

        as(admin).delete("/api/workspaces/" + team + "/members/" + editor.userId()).then().statusCode(204);
        problem(as(editor).header("X-Workspace-Id", team).get("/api/posts").then(), 404);
        as(admin).get("/api/workspaces/" + team + "/members").then().body("items.user_id", contains(admin.userId()));
    }

    @Test
    void theAuditLogSaysWhoInvitedRemovedAndKeyedWhomAndWhen() throws Exception {
        Api.Account owner = Api.register();
        Api.Account member = Api.register();
        String team = team(owner);
        join(owner, team, member, "editor");
        String key = as(member).contentType(ContentType.JSON)
                .body(Map.of("name", "zapier", "scopes", List.of("posts:read")))
                .post("/api/workspaces/" + team + "/keys").then().statusCode(201).extract().path("id");
        as(owner).delete("/api/workspaces/" + team + "/keys/" + key).then().statusCode(204);
        as(owner).delete("/api/workspaces/" + team + "/members/" + member.userId()).then().statusCode(204);
        UUID connection;
        try (Connection c = Sql.connect()) {
            connection = Sql.insertConnection(c, UUID.fromString(team), UUID.fromString(owner.userId()), "linkedin");
        }
        as(owner).header("X-Workspace-Id", team).delete("/api/platforms/connected/" + connection).then()
                .statusCode(204);

        JsonPath audit = as(owner).get("/api/workspaces/" + team + "/audit?size=3").then().statusCode(200)
                .body("total_items", equalTo(7)).body("items", hasSize(3)).extract().jsonPath();
        assertThat(audit.getList("items.action")).containsExactly("connection.disconnected", "member.removed",
                                                                  "key.revoked");
        assertThat(audit.getString("items[0].subject_id")).isEqualTo(connection.toString());
        assertThat(audit.getString("items[1].actor_user_id")).isEqualTo(owner.userId());
        assertThat(audit.getString("items[1].subject_id")).isEqualTo(member.userId());
        assertThat(audit.getString("items[1].created_at")).isNotBlank();
        as(owner).get("/api/workspaces/" + team + "/audit?size=3&page=1").then()
                .body("items.action", contains("key.created", "member.joined", "member.invited"))
                .body("items[0].actor_user_id", equalTo(member.userId()));
        problem(as(member).get("/api/workspaces/" + team + "/audit").then(), 404); // not a member any more
    }

    @Test
    void mediaDeDuplicationAndIdempotencyKeysBelongToTheWorkspace() {
        Api.Account owner = Api.register();
        Api.Account editor = Api.register();
        String team = team(owner);
        join(owner, team, editor, "editor");
        byte[] png = dev.poststride.support.TestFiles.png(9, 7);

        String first = as(owner).header("X-Workspace-Id", team).multiPart("file", "a.png", png, "image/png")
                .post("/api/media").then().statusCode(201).extract().path("id");
        as(editor).header("X-Workspace-Id", team).multiPart("file", "b.png", png, "image/png").post("/api/media")
                .then().statusCode(200).body("id", equalTo(first)); // the team has these bytes already
        as(editor).multiPart("file", "b.png", png, "image/png").post("/api/media").then().statusCode(201)
                .body("id", org.hamcrest.Matchers.not(equalTo(first))); // the editor's personal workspace has not

        Map<String, String> draft = Map.of("content", "once");
        String post = as(owner).header("X-Workspace-Id", team).header("Idempotency-Key", "launch-1")
                .contentType(ContentType.JSON).body(draft).post("/api/posts").then().statusCode(201).extract()
                .path("id");
        as(editor).header("X-Workspace-Id", team).header("Idempotency-Key", "launch-1")
                .contentType(ContentType.JSON).body(draft).post("/api/posts").then().statusCode(201)
                .body("id", equalTo(post));
        as(owner).header("X-Workspace-Id", team).get("/api/posts").then().body("total_items", equalTo(1));
    }
}
