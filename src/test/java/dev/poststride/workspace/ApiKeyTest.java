package dev.poststride.workspace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.poststride.support.Api;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.OAuthFlow;
import dev.poststride.support.PlatformStubs;
import dev.poststride.support.Sql;
import dev.poststride.support.TestFiles;
import dev.poststride.support.TimeTravel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API keys for scripts: one drives the whole flow (upload, create, schedule, read the outcome) with nothing but
 * {@code Authorization: Bearer psk_live_…}; its scopes narrow its creator's role; it never reaches the account, the
 * profile or the keys; it dies at once when revoked or when its creator leaves. Runs on the native binary too
 * ({@code ApiKeyIT}).
 */
@QuarkusTest
class ApiKeyTest {

    private static final String TRIGGER = "Bearer test-trigger-secret";

    @InjectFakePlatforms
    WireMockServer fake;

    @BeforeEach
    void isolate() throws Exception {
        fake.resetAll();
        Sql.cancelOpenTargets();
    }

    static JsonPath createKey(Api.Account by, String workspace, List<String> scopes) {
        return as(by).contentType(ContentType.JSON).body(Map.of("name", "scheduler script", "scopes", scopes))
                .post("/api/workspaces/" + workspace + "/keys").then().statusCode(201).extract().jsonPath();
    }

    static RequestSpecification withKey(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    @Test
    void aKeyUploadsCreatesSchedulesAndReadsTheOutcomeOnItsOwn() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "x");
        String code = OAuthFlow.newCode();
        PlatformStubs.xConnect(fake, code, "4242" + (System.nanoTime() % 100_000), "scripted");
        OAuthFlow.callback("x", code, started.state()).then().statusCode(200);
        JsonPath created = createKey(user, user.workspaceId(),
                                     List.of("posts:read", "posts:write", "media:write", "connections:read"));
        String key = created.getString("key");
        assertThat(key).startsWith("psk_live_").hasSizeGreaterThan(40);
        assertThat(key).startsWith(created.getString("prefix"));

        String connection = withKey(key).get("/api/platforms/connected").then().statusCode(200)
                .body("items", hasSize(1)).extract().path("items[0].id");
        String media = withKey(key).multiPart("file", "chart.png", TestFiles.png(64, 48), "image/png")
                .post("/api/media").then().statusCode(201).extract().path("id");
        String text = "Shipped by a script " + UUID.randomUUID();
        String post = withKey(key).contentType(ContentType.JSON).body(Map.of(
                        "content", text, "scheduled_at", Instant.now().plus(1, ChronoUnit.HOURS).toString(),
                        "targets", List.of(Map.of("connection_id", connection)), "media_ids", List.of(media)))
                .post("/api/posts").then().statusCode(201).body("status", equalTo("scheduled"))
                .body("created_by", equalTo(user.userId())).extract().path("id");

        fake.stubFor(post(urlPathEqualTo("/x/2/media/upload/initialize")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"id\":\"77\",\"media_key\":\"3_77\"}}")));
        fake.stubFor(post(urlPathEqualTo("/x/2/media/upload/77/append")).willReturn(aResponse().withStatus(204)));
        fake.stubFor(post(urlPathEqualTo("/x/2/media/upload/77/finalize")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":{\"id\":\"77\",\"size\":1}}")));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"id\":\"1800000000000000001\",\"text\":\"" + text + "\"}}")));
        TimeTravel.makeDue(post);
        given().header("Authorization", TRIGGER).post("/api/internal/publish-cycle").then().statusCode(200)
                .body("published", equalTo(1));

        withKey(key).get("/api/posts/" + post).then().statusCode(200).body("status", equalTo("published"))
                .body("targets[0].platform_post_id", equalTo("1800000000000000001"));
        withKey(key).get("/api/posts/" + post + "/history").then().statusCode(200)
                .body("items.to_status", contains("scheduled", "publishing", "published"))
                .body("items[0].actor_key_id", equalTo(created.getString("id")))
                .body("items[0].actor_user_id", equalTo(user.userId()));
        as(user).get("/api/workspaces/" + user.workspaceId() + "/keys").then()
                .body("items[0].last_used_at", notNullValue()).body("items[0].key", nullValue());
    }

    @Test
    void aKeyCanDoOnlyWhatItsScopesAndItsCreatorsRoleAllowAndNeverTouchesTheAccount() {
        Api.Account user = Api.register();
        String key = createKey(user, user.workspaceId(), List.of("posts:read")).getString("key");

        withKey(key).get("/api/posts").then().statusCode(200);
        problem(withKey(key).contentType(ContentType.JSON).body(Map.of("content", "nope")).post("/api/posts").then(),
                403);
        problem(withKey(key).multiPart("file", "x.png", TestFiles.png(3, 3), "image/png").post("/api/media")
                        .then(), 403);
        problem(withKey(key).get("/api/users/me").then(), 403);
        problem(withKey(key).get("/api/workspaces").then(), 403);
        problem(withKey(key).get("/api/workspaces/" + user.workspaceId() + "/keys").then(), 403);
        problem(withKey(key).post("/api/auth/logout").then(), 403);
        problem(withKey(key).header("X-Workspace-Id", UUID.randomUUID().toString()).get("/api/posts").then(), 404);
        problem(withKey("psk_live_" + "0".repeat(43)).get("/api/posts").then(), 401);

        Api.Account owner = Api.register();
        String team = WorkspaceTest.team(owner);
        Api.Account viewer = Api.register();
        WorkspaceTest.join(owner, team, viewer, "viewer");
        problem(as(viewer).contentType(ContentType.JSON).body(Map.of("name", "x", "scopes", List.of("posts:write")))
                        .post("/api/workspaces/" + team + "/keys").then(), 422)
                .body("errors[0].field", equalTo("scopes[0]"));
        problem(as(owner).contentType(ContentType.JSON).body(Map.of("name", "x", "scopes", List.of("posts:delete")))
                        .post("/api/workspaces/" + team + "/keys").then(), 422);
        problem(as(owner).contentType(ContentType.JSON).body(Map.of("name", "x", "scopes", List.of("posts:read"),
                                                                     "expires_at", "2001-01-01T00:00:00Z"))
                        .post("/api/workspaces/" + team + "/keys").then(), 422);
    }

    @Test
    void aRevokedKeyAndTheKeyOfSomeoneWhoLeftStopAtOnce() throws Exception {
        Api.Account owner = Api.register();
        String team = WorkspaceTest.team(owner);
        Api.Account editor = Api.register();
        WorkspaceTest.join(owner, team, editor, "editor");
        JsonPath mine = createKey(owner, team, List.of("posts:read"));
        String editors = createKey(editor, team, List.of("posts:read")).getString("key");
        withKey(mine.getString("key")).get("/api/posts").then().statusCode(200);
        withKey(editors).get("/api/posts").then().statusCode(200);

        as(editor).get("/api/workspaces/" + team + "/keys").then().body("items", hasSize(1)); // only their own
        as(owner).get("/api/workspaces/" + team + "/keys").then().body("items", hasSize(2))
                .body("items.prefix", org.hamcrest.Matchers.everyItem(startsWith("psk_live_")));
        as(owner).delete("/api/workspaces/" + team + "/keys/" + mine.getString("id")).then().statusCode(204);
        problem(withKey(mine.getString("key")).get("/api/posts").then(), 401);

        as(editor).post("/api/workspaces/" + team + "/leave").then().statusCode(204);
        problem(withKey(editors).get("/api/posts").then(), 401);
        try (Connection c = Sql.connect()) {
            assertThat(Sql.value(c, "select count(*) from api_keys where key_hash = ? or prefix = ?", editors,
                                 editors)).isEqualTo(0L); // never stored as given
        }
    }
}
