package dev.poststride.ops;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same assertions against the packaged (in CI: native) binary, which runs the prod profile: there, neither the
 * Swagger UI nor the dev UI is served (the OpenAPI document is, for clients).
 */
@QuarkusIntegrationTest
class OperationsIT extends OperationsTest {

    @Test
    void theProdProfileServesNoSwaggerUiAndNoDevUi() {
        for (String path : List.of("/q/swagger-ui", "/q/swagger-ui/", "/q/dev-ui", "/q/dev-ui/", "/q/dev")) {
            given().redirects().follow(false).get(path).then().statusCode(404);
        }
    }
}
