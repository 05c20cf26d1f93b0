package dev.poststride.common;

import static dev.poststride.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Every failure, whatever its cause, is an RFC 9457 problem without internals. */
@QuarkusTest
class ErrorHandlingTest {

    @Test
    void malformedJsonIs400() {
        problem(given().contentType(ContentType.JSON).body("{\"email\": \"a@b.c\", ")
                        .post("/api/auth/register").then(), 400)
                .body("detail", containsString("JSON"));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() {
        problem(given().contentType(ContentType.JSON).body("{\"email\": [1], \"password\": \"long enough\"}")
                        .post("/api/auth/register").then(), 400)
                .body("errors.field", hasItem("email"));
    }

    @Test
    void aMissingBodyIs422() {
        problem(given().contentType(ContentType.JSON).post("/api/auth/register").then(), 422)
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void theWrongContentTypeIs415() {
        problem(given().contentType(ContentType.TEXT).body("email=a@b.c").post("/api/auth/register").then(), 415);
    }

    @Test
    void anUnknownRouteIs404() {
        problem(given().get("/api/does-not-exist").then(), 404);
        problem(given().get("/nothing/here").then(), 404);
    }

    @Test
    void theWrongMethodIs405() {
        problem(given().delete("/api/auth/login").then(), 405);
    }
}
