package dev.poststride.reliability;

import static dev.poststride.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.Api;
import dev.poststride.support.OpenApiOperations;
import dev.poststride.support.OpenApiOperations.Operation;
import dev.poststride.support.Sql;
import dev.poststride.support.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * OWASP API1 (broken object-level authorization), over every id-taking operation of the OpenAPI document: another
 * user's ids answer 404 and change no row of theirs (the owner's rows are fingerprinted before and after); ids of
 * theirs inside a body are refused; and fields a client must not set (owner, status, platform ids) change nothing.
 */
@QuarkusTest
class ObjectLevelAuthorizationTest {

    /**
     * Served to anyone with a valid signature instead of to an owner (their own tests cover forged signatures), or
     * to the holder of the trigger secret (InternalJobsTest).
     */
    private static final Set<String> NOT_OWNER_SCOPED = Set.of("/api/public/media/{id}",
                                                               "/api/public/media/{id}/fitted/{rendition}",
                                                               "/api/platforms/{platform}/callback",
                                                               "/api/internal/jobs/{name}");

    /** The owner's workspaces (personal and shared), by membership. */
    private static final String OWNERS = "(select workspace_id from workspace_members where user_id = ?)";

    /** The owner's rows, one fingerprint per table (every column of every row). */
    private static final Map<String, String> OWNER_ROWS = Map.ofEntries(
            Map.entry("posts", "select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from posts t"
                               + " where t.workspace_id in " + OWNERS),
            Map.entry("post_platforms", "select md5(coalesce(string_agg(t::text, '|' order by t.id), ''))"
                                        + " from post_platforms t join posts p on p.id = t.post_id"
                                        + " where p.workspace_id in " + OWNERS),
            Map.entry("post_media", "select md5(coalesce(string_agg(t::text, '|' order by t.post_id, t.media_id),"
                                    + " '')) from post_media t join posts p on p.id = t.post_id"
                                    + " where p.workspace_id in " + OWNERS),
            Map.entry("media", "select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from media t"
                               + " where t.workspace_id in " + OWNERS),
            Map.entry("user_platforms", "select md5(coalesce(string_agg(t::text, '|' order by t.id), ''))"
                                        + " from user_platforms t where t.workspace_id in " + OWNERS),
            Map.entry("workspaces", "select md5(coalesce(string_agg(t::text, '|' order by t.id), ''))"
                                    + " from workspaces t where t.id in " + OWNERS),
            Map.entry("workspace_members", "select md5(coalesce(string_agg(t::text, '|' order by t.workspace_id,"
                                           + " t.user_id), '')) from workspace_members t where t.workspace_id in "
                                           + OWNERS),
            Map.entry("api_keys", "select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from api_keys t"
                                  + " where t.workspace_id in " + OWNERS),
            Map.entry("workspace_invitations", "select md5(coalesce(string_agg(t::text, '|' order by t.id), ''))"
                                               + " from workspace_invitations t where t.workspace_id in " + OWNERS),
            Map.entry("webhook_endpoints", "select md5(coalesce(string_agg(t::text, '|' order by t.id), ''))"
                                           + " from webhook_endpoints t where t.workspace_id in " + OWNERS),
            Map.entry("webhook_deliveries", "select md5(coalesce(string_agg(t::text, '|' order by t.id), ''))"
                                            + " from webhook_deliveries t where t.endpoint_id in (select id from"
                                            + " webhook_endpoints where workspace_id in " + OWNERS + ")"),
            Map.entry("users", "select md5(t::text) from users t where t.id = ?"));

    @Test
    void everyIdTakingOperationAnswers404ToAnotherUserAndChangesNothingOfTheirs() throws Exception {
        Pair pair = pair();
        Api.Account owner = pair.owner();
        Api.Account attacker = pair.attacker();
        UUID connection = pair.connection();
        UUID attackersConnection = pair.attackersConnection();
        String media = pair.media();
        Response post = as(owner).contentType(ContentType.JSON).body(Map.of(
                        "content", "mine", "scheduled_at", Instant.now().plus(2, ChronoUnit.DAYS).toString(),
                        "targets", List.of(Map.of("connection_id", connection.toString())),
                        "media_ids", List.of(media)))
                .post("/api/posts");
        post.then().statusCode(201);
        String team = as(owner).contentType(ContentType.JSON).body(Map.of("name", "Owner's team"))
                .post("/api/workspaces").then().statusCode(201).extract().path("id");
        String key = as(owner).contentType(ContentType.JSON).body(Map.of("name", "k", "scopes", List.of("posts:read")))
                .post("/api/workspaces/" + team + "/keys").then().statusCode(201).extract().path("id");
        String invitation = as(owner).contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail(), "role", "editor"))
                .post("/api/workspaces/" + team + "/invitations").then().statusCode(201).extract().path("id");
        String webhook = as(owner).contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/hooks/olat"))
                .post("/api/webhooks").then().statusCode(201).extract().path("webhook.id");
        String delivery = UUID.randomUUID().toString();
        try (Connection c = Sql.connect()) {
            UUID event = UUID.randomUUID();
            Sql.exec(c, "update webhook_endpoints set status = 'disabled' where id = ?", UUID.fromString(webhook));
            Sql.exec(c, "insert into events (id, seq, workspace_id, type, payload, created_at) select ?,"
                        + " nextval('events_seq'), workspace_id, 'post.scheduled', '{}', now() from webhook_endpoints"
                        + " where id = ?", event, UUID.fromString(webhook));
            Sql.exec(c, "insert into webhook_deliveries (id, endpoint_id, event_id, status, created_at, updated_at)"
                        + " values (?, ?, ?, 'failed', now(), now())", UUID.fromString(delivery),
                     UUID.fromString(webhook), event);
        }
        Map<String, String> ids = Map.ofEntries(Map.entry("post", post.path("id")),
                                                Map.entry("targetId", post.path("targets[0].id")),
                                                Map.entry("media", media),
                                                Map.entry("connection", connection.toString()),
                                                Map.entry("workspace", team), Map.entry("userId", owner.userId()),
                                                Map.entry("keyId", key), Map.entry("invitationId", invitation),
                                                Map.entry("webhook", webhook), Map.entry("deliveryId", delivery));
        Map<String, String> before = fingerprint(owner);

        List<String> tried = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Operation operation : OpenApiOperations.load().all()) {
            if (operation.in("path").isEmpty() || NOT_OWNER_SCOPED.contains(operation.path())) {
                continue;
            }
            String path = operation.path().replace("{targetId}", ids.get("targetId"))
                    .replace("{userId}", ids.get("userId")).replace("{keyId}", ids.get("keyId"))
                    .replace("{invitationId}", ids.get("invitationId"))
                    .replace("{deliveryId}", ids.get("deliveryId"))
                    .replace("{id}", ids.get(resource(operation.path())));
            RequestSpecification request = as(attacker);
            if (operation.bodyType().filter(t -> t.contains("json")).isPresent()) {
                request.contentType(ContentType.JSON).body(Map.of(
                        "content", "taken over", "status", "draft",
                        "targets", List.of(Map.of("connection_id", attackersConnection.toString()))));
            }
            int status = request.request(operation.method(), path).statusCode();
            tried.add(operation + " → " + status);
            if (status != 404) {
                wrong.add(operation + " answered " + status);
            }
        }
        assertThat(tried).as("id-taking operations found in the OpenAPI document").hasSizeGreaterThanOrEqualTo(10);
        assertThat(wrong).as("operations that did not answer another user's ids with 404").isEmpty();
        assertThat(fingerprint(owner)).as("the owner's rows after the attempts").isEqualTo(before);
        as(owner).get("/api/posts/" + ids.get("post")).then().statusCode(200);
    }

    @Test
    void anotherUsersIdsInABodyAreRefusedAndFieldsOnlyTheServerSetsChangeNothing() throws Exception {
        Pair pair = pair();
        Api.Account owner = pair.owner();
        Api.Account attacker = pair.attacker();
        UUID connection = pair.connection();
        UUID attackersConnection = pair.attackersConnection();
        String media = pair.media();
        Map<String, String> before = fingerprint(owner);
        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).toString();

        Api.problem(as(attacker).contentType(ContentType.JSON).body(Map.of(
                        "content", "borrowing", "scheduled_at", tomorrow,
                        "targets", List.of(Map.of("connection_id", connection.toString())),
                        "media_ids", List.of(media))).post("/api/posts").then(), 422)
                .body("errors.field", org.hamcrest.Matchers.hasItems("targets[0].connection_id", "media_ids[0]"));

        Map<String, Object> forged = new LinkedHashMap<>();
        forged.put("content", "forged fields");
        forged.put("scheduled_at", tomorrow);
        forged.put("user_id", owner.userId());
        forged.put("created_by", owner.userId());
        forged.put("workspace_id", owner.workspaceId());
        forged.put("id", UUID.randomUUID().toString());
        forged.put("published_at", tomorrow);
        forged.put("targets", List.of(Map.of("connection_id", attackersConnection.toString(),
                                             "status", "published", "platform_post_id", "1", "attempts", 9)));
        Response created = as(attacker).contentType(ContentType.JSON).body(forged).post("/api/posts");
        created.then().statusCode(201);
        assertThat(created.<String>path("id")).isNotEqualTo(forged.get("id"));
        assertThat(created.<String>path("status")).isEqualTo("scheduled");
        assertThat(created.<Object>path("published_at")).isNull();
        assertThat(created.<String>path("targets[0].status")).isEqualTo("pending");
        assertThat(created.<Object>path("targets[0].platform_post_id")).isNull();
        assertThat(created.<Integer>path("targets[0].attempts")).isZero();
        try (Connection c = Sql.connect()) {
            UUID createdPost = UUID.fromString(created.path("id"));
            assertThat(Sql.value(c, "select created_by from posts where id = ?", createdPost))
                    .isEqualTo(UUID.fromString(attacker.userId()));
            assertThat(Sql.value(c, "select workspace_id from posts where id = ?", createdPost))
                    .isEqualTo(UUID.fromString(attacker.workspaceId()));
        }
        Api.problem(as(attacker).contentType(ContentType.JSON).body(Map.of(
                        "content", "published already", "status", "published")).post("/api/posts").then(), 422);
        assertThat(fingerprint(owner)).isEqualTo(before);
    }

    /** An owner with an X connection and an image, and an attacker with an X connection of their own. */
    record Pair(Api.Account owner, Api.Account attacker, UUID connection, UUID attackersConnection, String media) {
    }

    private static Pair pair() throws Exception {
        Api.Account owner = Api.register();
        Api.Account attacker = Api.register();
        try (Connection c = Sql.connect()) {
            UUID connection = Sql.insertConnection(c, UUID.fromString(owner.userId()), "x");
            UUID attackersConnection = Sql.insertConnection(c, UUID.fromString(attacker.userId()), "x");
            String media = as(owner).multiPart("file", "mine.png", TestFiles.png(9, 9), "image/png")
                    .post("/api/media").then().statusCode(201).extract().path("id");
            return new Pair(owner, attacker, connection, attackersConnection, media);
        }
    }

    private static String resource(String path) {
        if (path.startsWith("/api/workspaces")) {
            return "workspace";
        }
        if (path.startsWith("/api/media")) {
            return "media";
        }
        if (path.startsWith("/api/platforms")) {
            return "connection";
        }
        if (path.startsWith("/api/webhooks")) {
            return "webhook";
        }
        return "post";
    }

    private static Map<String, String> fingerprint(Api.Account owner) throws Exception {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection c = Sql.connect()) {
            for (Map.Entry<String, String> table : OWNER_ROWS.entrySet()) {
                rows.put(table.getKey(), String.valueOf(Sql.value(c, table.getValue(),
                                                                  UUID.fromString(owner.userId()))));
            }
            // The audit log only grows; the attacker's attempts must not add to it.
            rows.put("audit_events", String.valueOf(Sql.value(c, "select count(*) from audit_events where"
                                                                 + " workspace_id in " + OWNERS,
                                                              UUID.fromString(owner.userId()))));
        }
        return rows;
    }
}
