package dev.poststride.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.poststride.post.TargetClaims;
import dev.poststride.publishing.XPublishingTest.Account;
import dev.poststride.support.Api;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.OAuthFlow;
import dev.poststride.support.Sql;
import dev.poststride.support.TestEnvironment;
import dev.poststride.support.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account's lifecycle: exporting everything stored about it, and deleting it with everything it owns. */
@QuarkusTest
class AccountLifecycleTest {

    @InjectFakePlatforms
    WireMockServer fake;

    @Inject
    TargetClaims claims;

    @BeforeEach
    void isolate() throws Exception {
        fake.resetAll();
        Sql.cancelOpenTargets();
        fake.stubFor(post(urlPathEqualTo("/x/2/oauth2/revoke")).willReturn(okJson("{\"revoked\":true}")));
    }

    @Test
    void theExportHoldsEverythingStoredAboutTheUserAndNoSecret() throws Exception {
        Account x = XPublishingTest.connectX(fake);
        String published = XPublishingTest.duePost(x, "exported " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(
                okJson("{\"data\":{\"id\":\"1800000000000000042\",\"text\":\"t\"}}").withStatus(201)));
        XPublishingTest.cycle();
        String media = uploadImage(x.user());
        scheduled(x, "later", List.of(media));

        String body = as(x.user()).get("/api/users/me/export").then().statusCode(200).extract().asString();
        JsonPath export = JsonPath.from(body);
        assertThat(export.getString("user.id")).isEqualTo(x.user().userId());
        assertThat(export.getList("connections.id")).containsExactly(x.connectionId());
        assertThat(export.getList("posts.id")).hasSize(2).contains(published);
        assertThat(export.getList("publish_attempts.outcome")).containsExactly("published");
        assertThat(export.getList("media.id")).containsExactly(media);
        assertThat(export.getList("sessions")).isNotEmpty();
        assertThat(export.getString("exported_at")).isNotBlank();
        assertThat(body).doesNotContain(x.tokens().access()).doesNotContain(x.tokens().refresh())
                .doesNotContain(x.user().accessToken()).doesNotContain(x.user().refreshToken())
                .doesNotContainIgnoringCase("ciphertext").doesNotContainIgnoringCase("password");
        problem(given().get("/api/users/me/export").then(), 401);
    }

    @Test
    void deletingTheAccountRevokesItsGrantsRemovesEverythingAndEndsEverySession() throws Exception {
        Account x = XPublishingTest.connectX(fake);
        String media = uploadImage(x.user());
        String post = scheduled(x, "going away", List.of(media));
        UUID userId = UUID.fromString(x.user().userId());

        problem(as(x.user()).contentType(ContentType.JSON).body(Map.of("password", "not it"))
                        .delete("/api/users/me").then(), 422)
                .body("errors[0].field", equalTo("password"));
        problem(as(x.user()).contentType(ContentType.JSON).body("{}").delete("/api/users/me").then(), 422);
        as(x.user()).get("/api/posts/" + post).then().statusCode(200);

        as(x.user()).contentType(ContentType.JSON).body(Map.of("password", Api.PASSWORD))
                .delete("/api/users/me").then().statusCode(204);

        assertThat(OAuthFlow.formParams(fake.findAll(postRequestedFor(urlPathEqualTo("/x/2/oauth2/revoke")))
                                                  .getFirst().getBodyAsString()))
                .containsEntry("token", x.tokens().access());
        problem(as(x.user()).get("/api/users/me").then(), 401);
        problem(given().contentType(ContentType.JSON).body(Map.of("refresh_token", x.user().refreshToken()))
                        .post("/api/auth/refresh").then(), 401);
        problem(given().contentType(ContentType.JSON)
                        .body(Map.of("email", x.user().email(), "password", Api.PASSWORD))
                        .post("/api/auth/login").then(), 401);
        try (Connection c = Sql.connect()) {
            UUID workspace = UUID.fromString(x.user().workspaceId());
            Map<String, UUID> gone = Map.of("users where id", userId, "workspaces where personal_of", userId,
                                            "workspace_members where user_id", userId,
                                            "auth_sessions where user_id", userId, "oauth_states where user_id",
                                            userId, "posts where workspace_id", workspace,
                                            "user_platforms where workspace_id", workspace,
                                            "media where workspace_id", workspace,
                                            "idempotency_keys where workspace_id", workspace);
            for (Map.Entry<String, UUID> table : gone.entrySet()) {
                assertThat(((Number) Sql.value(c, "select count(*) from " + table.getKey() + " = ?",
                                               table.getValue())).intValue()).as(table.getKey()).isZero();
            }
        }
        assertThat(Files.exists(TestEnvironment.MEDIA_DIR.resolve(x.user().workspaceId()).resolve(media))).isFalse();
    }

    @Test
    void anAccountWhosePostIsPublishingRightNowIsKeptWith409() throws Exception {
        Account x = XPublishingTest.connectX(fake);
        String postId = XPublishingTest.duePost(x, "mid-flight " + UUID.randomUUID(), List.of());
        claims.claim("lifecycle-test", 10, Map.of("x", 10), Instant.now(), Duration.ofMinutes(5), 3);

        problem(as(x.user()).contentType(ContentType.JSON).body(Map.of("password", Api.PASSWORD))
                        .delete("/api/users/me").then(), 409);
        as(x.user()).get("/api/posts/" + postId).then().statusCode(200)
                .body("targets[0].status", equalTo("publishing"));
    }

    private static String uploadImage(Api.Account user) {
        return as(user).multiPart("file", "export.png", TestFiles.png(6, 6), "image/png").post("/api/media").then()
                .statusCode(201).extract().path("id");
    }

    private static String scheduled(Account account, String text, List<String> media) {
        return as(account.user()).contentType(ContentType.JSON)
                .body(Map.of("content", text, "scheduled_at", Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                             "targets", List.of(Map.of("connection_id", account.connectionId())),
                             "media_ids", media))
                .post("/api/posts").then().statusCode(201).extract().path("id");
    }
}
