package dev.poststride.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;

/**
 * A real HTTP server receiving webhooks (WireMock on 127.0.0.1, the one private address the test profile allows),
 * and checks of what it received with the Standard Webhooks library's own verifier.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request the receiver got: its webhook headers and the parsed body. */
    public record Received(String id, String timestamp, String signature, String body, JsonNode json) {

        public String type() {
            return json.get("type").asText();
        }

        public JsonNode data() {
            return json.get("data");
        }

        /** True when the Standard Webhooks verifier accepts the signature with this secret. */
        public boolean verifiesWith(String secret) {
            try {
                new Webhook(secret).verify(body, Map.of("webhook-id", List.of(id), "webhook-timestamp",
                                                        List.of(timestamp), "webhook-signature",
                                                        List.of(signature)));
                return true;
            } catch (Exception e) {
                return false;
            }
        }
    }

    private final WireMockServer server;

    public WebhookReceiver() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                                            .notifier(new ConsoleNotifier(false)));
        server.start();
        answer(204);
    }

    public WireMockServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** The URL of the receiving path {@code /hooks/<name>}. */
    public String url(String name) {
        return "http://127.0.0.1:" + server.port() + "/hooks/" + name;
    }

    /** Every delivery is answered with this status from now on. */
    public void answer(int status) {
        server.resetAll();
        server.stubFor(post(urlPathMatching("/hooks/.*"))
                               .willReturn(aResponse().withStatus(status).withBody("received")));
    }

    /** What arrived at {@code /hooks/<name>}, oldest first. */
    public List<Received> received(String name) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/hooks/" + name))).stream()
                .map(WebhookReceiver::received).toList();
    }

    private static Received received(LoggedRequest request) {
        try {
            return new Received(request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
                                request.getHeader("webhook-signature"), request.getBodyAsString(),
                                JSON.readTree(request.getBodyAsString()));
        } catch (java.io.IOException e) {
            throw new AssertionError("a webhook body that is not JSON: " + request.getBodyAsString(), e);
        }
    }

    /** Registers an endpoint for the account's workspace; answers its id and secret. */
    public static Map<String, String> register(Api.Account account, String url, List<String> types) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("url", url);
        body.put("event_types", types);
        var created = Api.as(account).contentType(ContentType.JSON).body(body).post("/api/webhooks").then()
                .statusCode(201).extract().jsonPath();
        return Map.of("id", created.getString("webhook.id"), "secret", created.getString("secret"));
    }

    @Override
    public void close() {
        server.stop();
    }
}
