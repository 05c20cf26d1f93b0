package dev.poststride.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void readinessChecksTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void livenessAnswers() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().get("/api/platforms").then().statusCode(200); // at least one request counted, whatever ran before
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void openApiDescribesTheContract() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/auth/login"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/users/me"))
                .body("paths.keySet().findAll { it.startsWith('/sandbox') }", org.hamcrest.Matchers.empty());
    }

    @Test
    void openApiDescribesWebhooksAndTheEventStream() {
        var document = given().accept("application/json").get("/q/openapi").then().statusCode(200);
        for (String path : java.util.List.of("/api/webhooks", "/api/webhooks/{id}/rotate-secret",
                                             "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver",
                                             "/api/events/ticket", "/api/events/stream")) {
            document.body("paths", org.hamcrest.Matchers.hasKey(path));
        }
        for (String schema : java.util.List.of("Webhook", "WebhookRequest", "WebhookWithSecret", "WebhookDelivery")) {
            document.body("components.schemas." + schema + ".examples[0]", org.hamcrest.Matchers.notNullValue());
        }
        document.body("components.schemas.WebhookWithSecret.examples[0].secret",
                      org.hamcrest.Matchers.startsWith("whsec_"))
                .body("paths.'/api/events/stream'.get.parameters.name",
                      org.hamcrest.Matchers.hasItems("ticket", "Last-Event-ID", "X-Workspace-Id"));
    }

    @Test
    void openApiDescribesWorkspacesWithExamplesAndTheWorkspaceHeader() {
        var document = given().accept("application/json").get("/q/openapi").then().statusCode(200);
        for (String path : java.util.List.of("/api/workspaces", "/api/workspaces/{id}/members",
                                             "/api/workspaces/{id}/invitations", "/api/workspaces/{id}/keys",
                                             "/api/workspaces/{id}/audit", "/api/invitations/accept",
                                             "/api/posts/{id}/approve", "/api/posts/{id}/history")) {
            document.body("paths", org.hamcrest.Matchers.hasKey(path));
        }
        for (String schema : java.util.List.of("WorkspaceView", "MemberView", "InvitationView", "ApiKeyView",
                                               "CreateKey", "Invite")) {
            document.body("components.schemas." + schema + ".examples[0]", org.hamcrest.Matchers.notNullValue());
        }
        document.body("components.schemas.ApiKeyView.examples[0].prefix", org.hamcrest.Matchers.startsWith("psk_live_"))
                .body("paths.'/api/posts'.get.parameters.name", org.hamcrest.Matchers.hasItem("X-Workspace-Id"))
                .body("paths.'/api/workspaces'.get.parameters.name",
                      org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("X-Workspace-Id")))
                .body("info.description", org.hamcrest.Matchers.containsString("RateLimit"));
    }

    @Test
    void responsesCarrySecurityHeadersAndNoWildcardCors() {
        given().header("Origin", "https://evil.example").get("/q/health/live").then()
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }
}
