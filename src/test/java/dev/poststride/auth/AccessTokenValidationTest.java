package dev.poststride.auth;

import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static dev.poststride.support.Api.register;
import static io.restassured.RestAssured.given;

import dev.poststride.support.Api;
import dev.poststride.support.Api.Account;
import dev.poststride.support.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every forged or stale token is refused; the first test signs a token the same way and shows it is accepted,
 * so each refusal below is caused by the one thing it changes.
 */
@QuarkusTest
class AccessTokenValidationTest {

    private static final String ISSUER = "https://poststride.dev";
    private static final String AUDIENCE = "post-stride-api";

    @Test
    void aTokenSignedWithTheServiceKeyForALiveSessionIsAccepted() {
        Account account = register();
        as(sign(account, ISSUER, Instant.now().plusSeconds(300), TestKeys.servicePrivateKey()))
                .get("/api/users/me").then().statusCode(200);
    }

    @Test
    void missingOrGarbageTokenIs401() {
        problem(given().get("/api/users/me").then(), 401);
        problem(as("garbage").get("/api/users/me").then(), 401);
        problem(given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/users/me").then(), 401);
    }

    @Test
    void algNoneIsRefused() {
        Account account = register();
        String[] parts = account.accessToken().split("\\.");
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        problem(as(header + "." + parts[1] + ".").get("/api/users/me").then(), 401);
        problem(as(header + "." + parts[1]).get("/api/users/me").then(), 401);
    }

    @Test
    void aTamperedPayloadIsRefused() {
        Account account = register();
        Account other = register();
        String[] parts = account.accessToken().split("\\.");
        String payload = Api.jwtPayload(account.accessToken()).replace(account.userId(), other.userId());
        problem(as(parts[0] + "." + b64(payload) + "." + parts[2]).get("/api/users/me").then(), 401);
    }

    @Test
    void aWrongIssuerIsRefused() {
        Account account = register();
        problem(as(sign(account, "https://evil.example", Instant.now().plusSeconds(300),
                        TestKeys.servicePrivateKey())).get("/api/users/me").then(), 401);
    }

    @Test
    void aForeignKeyIsRefused() {
        Account account = register();
        problem(as(sign(account, ISSUER, Instant.now().plusSeconds(300), TestKeys.foreignPrivateKey()))
                        .get("/api/users/me").then(), 401);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Account account = register();
        problem(as(sign(account, ISSUER, Instant.now().minusSeconds(600), TestKeys.servicePrivateKey()))
                        .get("/api/users/me").then(), 401);
    }

    @Test
    void aTokenWithoutALiveSessionIsRefused() {
        Account account = register();
        String token = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(account.userId())
                .claim("sid", UUID.randomUUID().toString())
                .expiresAt(Instant.now().plusSeconds(300)).sign(TestKeys.servicePrivateKey());
        problem(as(token).get("/api/users/me").then(), 401);
    }

    @Test
    void hs256KeyedWithTheServicesPublicKeyIsRefused() throws Exception {
        Account account = register();
        String payload = account.accessToken().split("\\.")[1];
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String der = TestKeys.servicePublicKeyBase64();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + der.replaceAll("(.{64})", "$1\n") + "\n-----END PUBLIC KEY-----\n";
        for (byte[] secret : java.util.List.of(Base64.getDecoder().decode(der),
                                               pem.getBytes(StandardCharsets.US_ASCII),
                                               der.getBytes(StandardCharsets.US_ASCII))) {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
            problem(as(header + "." + payload + "." + signature).get("/api/users/me").then(), 401);
        }
    }

    private static String sign(Account account, String issuer, Instant expiresAt, PrivateKey key) {
        String sid = sessionId(account.accessToken());
        return Jwt.issuer(issuer).audience(AUDIENCE).subject(account.userId())
                .claim("sid", sid)
                .issuedAt(expiresAt.minusSeconds(900))
                .expiresAt(expiresAt)
                .sign(key);
    }

    private static String sessionId(String jwt) {
        String payload = Api.jwtPayload(jwt);
        int start = payload.indexOf("\"sid\":\"") + 7;
        return payload.substring(start, payload.indexOf('"', start));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
