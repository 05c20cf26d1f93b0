package dev.poststride.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.poststride.common.crypto.TokenVault;
import dev.poststride.support.Api;
import dev.poststride.support.FakePlatforms;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.OAuthFlow;
import dev.poststride.support.PlatformStubs;
import dev.poststride.support.PlatformStubs.Tokens;
import dev.poststride.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Instagram connections made before Page tokens hold a long-lived user token (about 60 days) that used to be renewed
 * by exchanging it again, which Meta does not document. Their next refresh trades it, while it is still valid, for
 * the linked Page's token, which does not expire. JVM only: it seals a token as an older release stored it.
 */
@QuarkusTest
class InstagramUserTokenMigrationTest {

    @InjectFakePlatforms
    WireMockServer fake;

    @Inject
    TokenVault vault;

    @Test
    void aStoredUserTokenIsTradedForThePagesTokenOnceAndNeverReExchanged() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "instagram");
        String code = OAuthFlow.newCode();
        PlatformStubs.metaLogin(fake, "instagram", code);
        String igId = "1789" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100_000);
        fake.stubFor(WireMock.get(urlPathEqualTo("/instagram/v25.0/me/accounts")).atPriority(10)
                             .willReturn(okJson("{\"data\":[{\"id\":\"3001\",\"access_token\":\"page-at-connect\","
                                                + "\"instagram_business_account\":{\"id\":\"" + igId + "\"}}]}")));
        fake.stubFor(WireMock.get(urlPathEqualTo("/instagram/v25.0/" + igId)).willReturn(okJson("{\"username\":\"ig\"}")));
        String id = OAuthFlow.callback("instagram", code, started.state()).then().statusCode(200).extract().path("id");

        // What an older release stored: the user token, expiring in three days.
        String userToken = FakePlatforms.SECRET_MARK + "ig-user-" + UUID.randomUUID();
        String pageToken = FakePlatforms.SECRET_MARK + "ig-page-" + UUID.randomUUID();
        String context = accessContext(id, igId);
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update user_platforms set access_token_ciphertext = ?, token_expires_at = ? where id = ?",
                     vault.seal(userToken, context),
                     Timestamp.from(Instant.now().plusSeconds(3 * 24 * 3600)), UUID.fromString(id));
        }
        fake.stubFor(WireMock.get(urlPathEqualTo("/instagram/v25.0/me/accounts"))
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + userToken))
                             .willReturn(okJson("{\"data\":[{\"id\":\"3002\",\"access_token\":\"other\","
                                                + "\"instagram_business_account\":{\"id\":\"elsewhere\"}},"
                                                + "{\"id\":\"3001\",\"access_token\":\"" + pageToken + "\","
                                                + "\"instagram_business_account\":{\"id\":\"" + igId + "\"}}]}")));

        given().header("Authorization", "Bearer test-trigger-secret").post("/api/internal/token-refresh-cycle")
                .then().statusCode(200).body("refreshed", org.hamcrest.Matchers.greaterThanOrEqualTo(1));

        Api.as(user).get("/api/platforms/connected").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.status", org.hamcrest.Matchers.equalTo("active"))
                .body("items.find { it.id == '" + id + "' }.token_expires_at", org.hamcrest.Matchers.nullValue());
        PlatformConnectTest.assertNoPlaintextTokenStored(UUID.fromString(id), new Tokens(pageToken, null));
        try (Connection c = Sql.connect()) {
            String sealed = (String) Sql.value(c, "select access_token_ciphertext from user_platforms where id = ?",
                                               UUID.fromString(id));
            assertThat(vault.open(sealed, context)).isEqualTo(pageToken);
        }
        assertThat(fake.findAll(getRequestedFor(urlPathEqualTo("/instagram/v25.0/oauth/access_token"))
                                        .withQueryParam("fb_exchange_token", WireMock.equalTo(userToken)))).isEmpty();
    }

    /** The context an access token of this connection is sealed with, as the service computes it. */
    private static String accessContext(String connectionId, String accountId) throws Exception {
        try (Connection c = Sql.connect()) {
            UUID owner = (UUID) Sql.value(c, "select token_owner_id from user_platforms where id = ?",
                                          UUID.fromString(connectionId));
            UUID platform = (UUID) Sql.value(c, "select platform_id from user_platforms where id = ?",
                                             UUID.fromString(connectionId));
            return ConnectionTokens.context(owner, platform, accountId, "access");
        }
    }
}
