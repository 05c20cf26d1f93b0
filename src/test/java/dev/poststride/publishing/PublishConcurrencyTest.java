package dev.poststride.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.poststride.support.Api;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.OAuthFlow;
import dev.poststride.support.PlatformStubs;
import dev.poststride.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Several claimers at once over 1,000 due targets, against a fake X that counts what it receives: every target is
 * published exactly once. Claimers are parallel calls of the cycle trigger, as several instances' crons would be.
 */
@QuarkusTest
class PublishConcurrencyTest {

    private static final int TARGETS = 1000;
    private static final int CLAIMERS = 4;

    @InjectFakePlatforms
    WireMockServer fake;

    @Test
    void everyDueTargetIsPublishedExactlyOnceWhateverTheNumberOfClaimers() throws Exception {
        fake.resetAll();
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "x");
        String code = OAuthFlow.newCode();
        PlatformStubs.xConnect(fake, code, "4000000", "bulk_user");
        UUID connection = UUID.fromString(OAuthFlow.callback("x", code, started.state()).then().statusCode(200)
                                                  .extract().path("id"));
        String run = "bulk-" + UUID.randomUUID() + "-";
        Sql.cancelOpenTargets();
        try (Connection c = Sql.connect()) {
            Sql.duePosts(c, UUID.fromString(user.userId()), run, TARGETS, Instant.now().minusSeconds(5), connection);
        }
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":{\"id\":\"1\",\"text\":\"t\"}}")));

        ExecutorService claimers = Executors.newFixedThreadPool(CLAIMERS);
        try {
            List<CompletableFuture<Integer>> runs = IntStream.range(0, CLAIMERS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(PublishConcurrencyTest::claimUntilNothingIsLeft,
                                                                 claimers)).toList();
            int claimed = runs.stream().mapToInt(CompletableFuture::join).sum();
            assertThat(claimed).isEqualTo(TARGETS);
        } finally {
            claimers.shutdownNow();
        }

        Map<String, Integer> received = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (var request : fake.findAll(postRequestedFor(urlPathEqualTo("/x/2/tweets"))
                                                .withRequestBody(WireMock.containing(run)))) {
            received.merge(json.readTree(request.getBodyAsString()).path("text").asText(), 1, Integer::sum);
        }
        assertThat(received).hasSize(TARGETS);
        assertThat(received.values()).containsOnly(1);
        try (Connection c = Sql.connect()) {
            Object published = Sql.value(c, "select count(*) from post_platforms pp join posts p on p.id = pp.post_id"
                                            + " where p.content like ? and pp.status = 'published'", run + "%");
            assertThat(((Number) published).intValue()).isEqualTo(TARGETS);
        }
    }

    private static int claimUntilNothingIsLeft() {
        int total = 0;
        while (true) {
            int claimed = given().header("Authorization", XPublishingTest.TRIGGER).post("/api/internal/publish-cycle")
                    .then().statusCode(200).extract().path("claimed");
            if (claimed == 0) {
                return total;
            }
            total += claimed;
        }
    }
}
