package dev.poststride.workspace;

import static dev.poststride.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.Api;
import dev.poststride.support.OpenApiOperations;
import dev.poststride.support.OpenApiOperations.Operation;
import dev.poststride.support.Sql;
import dev.poststride.support.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document, called by every role of a workspace, by a non-member and by an API key
 * (all scopes, created by the owner). The table below is the specification: the least role an operation needs and
 * whether a key may call it. A non-member gets 404, a member below the role 403, a member with it an answer that is
 * neither a refusal nor a server error; a key gets 403 where keys are not allowed. Each call gets a workspace of its
 * own (a destructive call by one role does not change what the next one meets). An operation the table does not
 * name fails the test, so a new endpoint cannot ship without its row.
 */
@QuarkusTest
class RoleMatrixTest {

    /** Who calls: the five roles, someone outside the workspace, and the owner's key with every scope. */
    enum Caller { OWNER, ADMIN, EDITOR, CONTRIBUTOR, VIEWER, NON_MEMBER, KEY }

    /** What an operation demands. */
    sealed interface Rule {
        /** A workspace's operation: the least role, and whether an API key (within that role) may call it. */
        record Member(Caller least, boolean keys) implements Rule {
        }

        /** The caller's own account (profile, workspace list, invitations to them): any signed-in user, no key. */
        record Account() implements Rule {
        }

        /** Not a member's call: sign-up and sign-in, the platform catalogue and callbacks, signed or secret URLs. */
        record Outside() implements Rule {
        }

        /** A stream that does not end: its answers to each caller are checked by EventStreamTest instead. */
        record Streamed() implements Rule {
        }
    }

    private static Rule member(Caller least) {
        return new Rule.Member(least, true);
    }

    private static Rule signedInMember(Caller least) {
        return new Rule.Member(least, false);
    }

    private static final Rule ACCOUNT = new Rule.Account();
    private static final Rule OUTSIDE = new Rule.Outside();

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("POST /api/posts", member(Caller.CONTRIBUTOR)),
            Map.entry("POST /api/posts/validate", member(Caller.CONTRIBUTOR)),
            Map.entry("GET /api/posts", member(Caller.VIEWER)),
            Map.entry("GET /api/posts/{id}", member(Caller.VIEWER)),
            Map.entry("PUT /api/posts/{id}", member(Caller.CONTRIBUTOR)),
            Map.entry("DELETE /api/posts/{id}", member(Caller.CONTRIBUTOR)),
            Map.entry("POST /api/posts/{id}/cancel", member(Caller.CONTRIBUTOR)),
            Map.entry("POST /api/posts/{id}/targets/{targetId}/retry", member(Caller.CONTRIBUTOR)),
            Map.entry("GET /api/posts/{id}/targets/{targetId}/attempts", member(Caller.VIEWER)),
            Map.entry("POST /api/posts/{id}/approve", member(Caller.EDITOR)),
            Map.entry("POST /api/posts/{id}/reject", member(Caller.EDITOR)),
            Map.entry("GET /api/posts/{id}/history", member(Caller.VIEWER)),
            Map.entry("POST /api/media", member(Caller.CONTRIBUTOR)),
            Map.entry("GET /api/media", member(Caller.VIEWER)),
            Map.entry("GET /api/media/{id}", member(Caller.VIEWER)),
            Map.entry("GET /api/media/{id}/content", member(Caller.VIEWER)),
            Map.entry("POST /api/media/{id}/pull-url", member(Caller.CONTRIBUTOR)),
            Map.entry("DELETE /api/media/{id}", member(Caller.CONTRIBUTOR)),
            Map.entry("POST /api/platforms/connect", member(Caller.ADMIN)),
            Map.entry("GET /api/platforms/connected", member(Caller.VIEWER)),
            Map.entry("POST /api/platforms/connected/{id}/refresh", member(Caller.ADMIN)),
            Map.entry("DELETE /api/platforms/connected/{id}", member(Caller.ADMIN)),
            Map.entry("GET /api/workspaces/{id}", signedInMember(Caller.VIEWER)),
            Map.entry("PATCH /api/workspaces/{id}", signedInMember(Caller.ADMIN)),
            Map.entry("DELETE /api/workspaces/{id}", signedInMember(Caller.OWNER)),
            Map.entry("GET /api/workspaces/{id}/members", signedInMember(Caller.VIEWER)),
            Map.entry("PATCH /api/workspaces/{id}/members/{userId}", signedInMember(Caller.ADMIN)),
            Map.entry("DELETE /api/workspaces/{id}/members/{userId}", signedInMember(Caller.ADMIN)),
            Map.entry("POST /api/workspaces/{id}/leave", signedInMember(Caller.VIEWER)),
            Map.entry("POST /api/workspaces/{id}/transfer-ownership", signedInMember(Caller.OWNER)),
            Map.entry("POST /api/workspaces/{id}/invitations", signedInMember(Caller.ADMIN)),
            Map.entry("GET /api/workspaces/{id}/invitations", signedInMember(Caller.ADMIN)),
            Map.entry("DELETE /api/workspaces/{id}/invitations/{invitationId}", signedInMember(Caller.ADMIN)),
            Map.entry("POST /api/workspaces/{id}/keys", signedInMember(Caller.VIEWER)),
            Map.entry("GET /api/workspaces/{id}/keys", signedInMember(Caller.VIEWER)),
            Map.entry("DELETE /api/workspaces/{id}/keys/{keyId}", signedInMember(Caller.ADMIN)), // another's key
            Map.entry("GET /api/workspaces/{id}/audit", signedInMember(Caller.ADMIN)),
            Map.entry("POST /api/webhooks", member(Caller.ADMIN)),
            Map.entry("GET /api/webhooks", member(Caller.ADMIN)),
            Map.entry("GET /api/webhooks/{id}", member(Caller.ADMIN)),
            Map.entry("PATCH /api/webhooks/{id}", member(Caller.ADMIN)),
            Map.entry("DELETE /api/webhooks/{id}", member(Caller.ADMIN)),
            Map.entry("POST /api/webhooks/{id}/rotate-secret", member(Caller.ADMIN)),
            Map.entry("POST /api/webhooks/{id}/test", member(Caller.ADMIN)),
            Map.entry("GET /api/webhooks/{id}/deliveries", member(Caller.ADMIN)),
            Map.entry("POST /api/webhooks/{id}/deliveries/{deliveryId}/redeliver", member(Caller.ADMIN)),
            Map.entry("POST /api/events/ticket", member(Caller.VIEWER)),
            Map.entry("GET /api/events/stream", new Rule.Streamed()),
            Map.entry("GET /api/workspaces", ACCOUNT),
            Map.entry("POST /api/workspaces", ACCOUNT),
            Map.entry("POST /api/invitations/accept", ACCOUNT),
            Map.entry("POST /api/invitations/decline", ACCOUNT),
            Map.entry("GET /api/users/me", ACCOUNT),
            Map.entry("PUT /api/users/me", ACCOUNT),
            Map.entry("DELETE /api/users/me", ACCOUNT),
            Map.entry("GET /api/users/me/export", ACCOUNT),
            Map.entry("POST /api/auth/logout", ACCOUNT),
            Map.entry("POST /api/auth/register", OUTSIDE),
            Map.entry("POST /api/auth/login", OUTSIDE),
            Map.entry("POST /api/auth/refresh", OUTSIDE),
            Map.entry("GET /api/platforms", OUTSIDE),
            Map.entry("GET /api/platforms/{platform}/callback", OUTSIDE),
            Map.entry("GET /api/public/media/{id}", OUTSIDE),
            Map.entry("GET /api/public/media/{id}/fitted/{rendition}", OUTSIDE),
            Map.entry("POST /api/internal/publish-cycle", OUTSIDE),
            Map.entry("POST /api/internal/token-refresh-cycle", OUTSIDE),
            Map.entry("POST /api/internal/webhook-cycle", OUTSIDE),
            Map.entry("POST /api/internal/jobs/{name}", OUTSIDE));

    /** Bodies that pass validation, so that what answers is the role check and then the operation itself. */
    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /api/posts", "{\"content\":\"a draft\"}"),
            Map.entry("POST /api/posts/validate", "{\"content\":\"a draft\"}"),
            Map.entry("PUT /api/posts/{id}", "{\"content\":\"edited\"}"),
            Map.entry("POST /api/posts/{id}/reject", "{\"comment\":\"not this week\"}"),
            Map.entry("POST /api/platforms/connect", "{\"platform\":\"x\"}"),
            Map.entry("PATCH /api/workspaces/{id}", "{\"approvals\":\"contributors\"}"),
            Map.entry("PATCH /api/workspaces/{id}/members/{userId}", "{\"role\":\"editor\"}"),
            Map.entry("POST /api/workspaces/{id}/transfer-ownership", "{\"user_id\":\"{userId}\"}"),
            Map.entry("POST /api/workspaces/{id}/invitations", "{\"email\":\"{email}\",\"role\":\"editor\"}"),
            Map.entry("POST /api/workspaces/{id}/keys", "{\"name\":\"ci\",\"scopes\":[\"posts:read\"]}"),
            Map.entry("POST /api/workspaces", "{\"name\":\"Another team\"}"),
            Map.entry("POST /api/webhooks", "{\"url\":\"http://127.0.0.1:9/hooks/matrix\"}"),
            Map.entry("PATCH /api/webhooks/{id}", "{\"description\":\"matrix\"}"),
            Map.entry("POST /api/webhooks/{id}/rotate-secret", "{\"overlap_seconds\":60}"),
            Map.entry("POST /api/invitations/accept", "{\"token\":\"{token}\"}"), // one to the caller
            Map.entry("POST /api/invitations/decline", "{\"token\":\"{token}\"}"),
            Map.entry("PUT /api/users/me", "{\"timezone\":\"Europe/Paris\"}"),
            Map.entry("DELETE /api/users/me", "{\"password\":\"" + Api.PASSWORD + "\"}"));

    private static final String[] ALL_SCOPES = {"posts:read", "posts:write", "posts:approve", "media:read",
                                                "media:write", "connections:read", "connections:write",
                                                "webhooks:write"};

    /** One workspace with a member of each role, a post with a target, a media item, an invitation and a key. */
    private record Fixture(UUID workspace, UUID post, UUID target, String media, UUID connection, UUID invitation,
                           String key, UUID keyId, String webhook, UUID delivery) {
    }

    private final Map<Caller, Api.Account> people = new EnumMap<>(Caller.class);
    private Api.Account bystander; // a viewer whom member operations are about

    @Test
    void everyOperationAnswersEachRoleAsTheTableSays() throws Exception {
        List<Operation> operations = OpenApiOperations.load().all();
        Set<String> unmapped = new TreeSet<>();
        for (Operation operation : operations) {
            if (!RULES.containsKey(operation.toString())) {
                unmapped.add(operation.toString());
            }
        }
        assertThat(unmapped).as("operations without a row in RoleMatrixTest.RULES").isEmpty();

        for (Caller caller : Caller.values()) {
            if (caller != Caller.KEY) {
                people.put(caller, Api.register());
            }
        }
        bystander = Api.register();

        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Operation operation : operations) {
            Rule rule = RULES.get(operation.toString());
            if (rule instanceof Rule.Member member) {
                for (Caller caller : Caller.values()) {
                    Fixture fixture = fixture();
                    int status = call(operation, caller, fixture);
                    calls++;
                    String expected = expected(member, caller);
                    if (!matches(expected, status)) {
                        wrong.add(operation + " by " + caller + ": " + status + ", expected " + expected);
                    }
                }
            } else if (rule instanceof Rule.Account) {
                Api.Account someone = Api.register();
                Fixture fixture = fixture();
                String token = as(people.get(Caller.OWNER)).contentType(ContentType.JSON)
                        .body(Map.of("email", someone.email(), "role", "viewer"))
                        .post("/api/workspaces/" + fixture.workspace() + "/invitations").then().statusCode(201)
                        .extract().path("token");
                int byKey = send(as(fixture.key()), operation, null, someone.userId(), token);
                int signedIn = send(as(someone), operation, null, someone.userId(), token);
                calls += 2;
                if (!matches("allowed", signedIn)) {
                    wrong.add(operation + " signed in: " + signedIn + ", expected allowed");
                }
                if (byKey != 403) {
                    wrong.add(operation + " with a key: " + byKey + ", expected 403");
                }
            }
        }
        assertThat(wrong).as("answers that differ from the table (" + calls + " calls)").isEmpty();
    }

    private static String expected(Rule.Member rule, Caller caller) {
        return switch (caller) {
            case NON_MEMBER -> "404";
            case KEY -> rule.keys() ? "allowed" : "403";
            default -> caller.ordinal() <= rule.least().ordinal() ? "allowed" : "403";
        };
    }

    /** "allowed": neither unauthenticated, forbidden, not found nor a server error. */
    private static boolean matches(String expected, int status) {
        if (expected.equals("allowed")) {
            return status != 401 && status != 403 && status != 404 && status < 500;
        }
        return status == Integer.parseInt(expected);
    }

    private int call(Operation operation, Caller caller, Fixture fixture) {
        RequestSpecification request = caller == Caller.KEY ? as(fixture.key()) : as(people.get(caller));
        return send(request.header("X-Workspace-Id", fixture.workspace().toString()), operation, fixture,
                    bystander.userId(), "");
    }

    private static int send(RequestSpecification request, Operation operation, Fixture fixture, String userId,
                            String invitationToken) {
        String path = operation.path();
        if (fixture != null) {
            String id = path.startsWith("/api/posts") ? fixture.post().toString()
                    : path.startsWith("/api/media") ? fixture.media()
                    : path.startsWith("/api/platforms") ? fixture.connection().toString()
                    : path.startsWith("/api/webhooks") ? fixture.webhook()
                    : fixture.workspace().toString();
            path = path.replace("{id}", id).replace("{targetId}", fixture.target().toString())
                    .replace("{invitationId}", fixture.invitation().toString())
                    .replace("{keyId}", fixture.keyId().toString())
                    .replace("{deliveryId}", fixture.delivery().toString());
        }
        path = path.replace("{userId}", userId);
        if (operation.bodyType().filter(type -> type.startsWith("multipart")).isPresent()) {
            request = request.multiPart("file", "matrix.png", TestFiles.png(5, 5), "image/png");
        } else if (BODIES.containsKey(operation.toString())) {
            request = request.contentType(ContentType.JSON).body(BODIES.get(operation.toString())
                    .replace("{userId}", userId).replace("{email}", Api.uniqueEmail())
                    .replace("{token}", invitationToken));
        } else if (operation.bodyType().isPresent()) {
            throw new AssertionError(operation + " takes a body: add one to RoleMatrixTest.BODIES");
        }
        return request.request(operation.method(), path).statusCode();
    }

    /** A workspace of its own for one call: its members by role, and one of each thing an operation names. */
    private Fixture fixture() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID post = UUID.randomUUID();
        UUID target = UUID.randomUUID();
        UUID connection;
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "insert into workspaces (id, name, created_by, created_at, updated_at)"
                        + " values (?, 'Matrix', ?, now(), now())", workspace, uuid(people.get(Caller.OWNER)));
            for (Caller role : List.of(Caller.OWNER, Caller.ADMIN, Caller.EDITOR, Caller.CONTRIBUTOR,
                                       Caller.VIEWER)) {
                addMember(c, workspace, people.get(role), role.name().toLowerCase(java.util.Locale.ROOT));
            }
            addMember(c, workspace, bystander, "viewer");
            connection = Sql.insertConnection(c, workspace, uuid(people.get(Caller.OWNER)), "x");
            Sql.exec(c, "insert into posts (id, workspace_id, created_by, content, status, scheduled_at, created_at,"
                        + " updated_at) values (?, ?, ?, 'waiting', 'pending_approval', now() + interval '2 days',"
                        + " now(), now())", post, workspace, uuid(people.get(Caller.CONTRIBUTOR)));
            Sql.exec(c, "insert into post_platforms (id, post_id, user_platform_id, status, created_at, updated_at)"
                        + " values (?, ?, ?, 'pending', now(), now())", target, post, connection);
        }
        Api.Account owner = people.get(Caller.OWNER);
        String media = as(owner).header("X-Workspace-Id", workspace.toString())
                .multiPart("file", "fixture.png", TestFiles.png(4, 4), "image/png").post("/api/media")
                .then().statusCode(201).extract().path("id");
        String invitation = as(owner).contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail(), "role", "viewer"))
                .post("/api/workspaces/" + workspace + "/invitations").then().statusCode(201).extract().path("id");
        var key = as(owner).contentType(ContentType.JSON).body(Map.of("name", "matrix", "scopes", ALL_SCOPES))
                .post("/api/workspaces/" + workspace + "/keys").then().statusCode(201).extract().jsonPath();
        String webhook = as(owner).header("X-Workspace-Id", workspace.toString()).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/hooks/matrix")).post("/api/webhooks").then().statusCode(201)
                .extract().path("webhook.id");
        UUID delivery = UUID.randomUUID();
        try (Connection c = Sql.connect()) {
            UUID event = UUID.randomUUID();
            // Disabled and already relayed, so later tests' rounds send nothing to this address that nobody serves.
            Sql.exec(c, "update webhook_endpoints set status = 'disabled' where id = ?", UUID.fromString(webhook));
            Sql.exec(c, "insert into events (id, seq, workspace_id, type, payload, created_at) values (?,"
                        + " nextval('events_seq'), ?, 'post.scheduled', '{}', now())", event, workspace);
            Sql.exec(c, "insert into webhook_deliveries (id, endpoint_id, event_id, status, created_at, updated_at)"
                        + " values (?, ?, ?, 'failed', now(), now())", delivery, UUID.fromString(webhook), event);
        }
        return new Fixture(workspace, post, target, media, connection, UUID.fromString(invitation),
                           key.getString("key"), UUID.fromString(key.getString("id")), webhook, delivery);
    }

    private static void addMember(Connection c, UUID workspace, Api.Account who, String role) throws Exception {
        Sql.exec(c, "insert into workspace_members (workspace_id, user_id, role, created_at) values (?, ?, ?, now())",
                 workspace, uuid(who), role);
    }

    private static UUID uuid(Api.Account account) {
        return UUID.fromString(account.userId());
    }
}
