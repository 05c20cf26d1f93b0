package dev.poststride.common;

import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.poststride.support.Api;
import dev.poststride.support.OAuthFlow;
import dev.poststride.support.Sql;
import dev.poststride.support.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Input that once reached a 500 (or the wrong status) from outside, each now a clear problem+json naming the field:
 * paging text and extremes, a blank or out-of-range time, and a platform's error text that tried to forge log lines.
 */
@QuarkusTest
class HostileInputTest {

    @Test
    void pagingThatIsNotANumberOrBeyondAnyListIs422NamingTheField() {
        Api.Account user = Api.register();
        for (String path : List.of("/api/posts", "/api/media")) {
            problem(as(user).queryParam("page", "abc").get(path).then(), 422)
                    .body("errors.field", hasItem("page"));
            problem(as(user).queryParam("size", "1e3").get(path).then(), 422)
                    .body("errors.field", hasItem("size"));
            problem(as(user).queryParam("page", "2147483647").get(path).then(), 422)
                    .body("errors.field", hasItem("page"));
            as(user).queryParam("page", "1").queryParam("size", "5").get(path).then().statusCode(200)
                    .body("page", equalTo(1)).body("size", equalTo(5));
            // Read as text, still documented as the integers they are.
            given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                    .body("paths.'" + path + "'.get.parameters.find { it.name == 'page' }.schema.type",
                          equalTo("integer"));
        }
    }

    @Test
    void aBlankOrOutOfRangeTimeIs422NotADatabaseError() throws Exception {
        Api.Account user = Api.register();
        UUID connection;
        try (Connection c = Sql.connect()) {
            connection = Sql.insertConnection(c, UUID.fromString(user.userId()), "x");
        }
        for (String time : List.of(" ", "+300000-01-01T00:00:00Z", "-4714-11-24T00:00:00Z")) {
            problem(as(user).contentType(ContentType.JSON).body(Map.of(
                            "content", "Hostile time", "status", "scheduled", "scheduled_at", time,
                            "targets", List.of(Map.of("connection_id", connection.toString()))))
                            .post("/api/posts").then(), 422)
                    .body("errors.field", hasItem("scheduled_at"));
        }
        problem(as(user).queryParam("from", "-4714-11-24T00:00:00Z").get("/api/posts").then(), 422)
                .body("errors.field", hasItem("from"));
        problem(as(user).queryParam("to", "+300000-01-01T00:00:00Z").get("/api/posts").then(), 422)
                .body("errors.field", hasItem("to"));
        as(user).queryParam("from", Instant.now().toString()).get("/api/posts").then().statusCode(200);
    }

    @Test
    void theNulCharacterInAnyTextFieldIs422NamingTheField() throws Exception {
        Api.Account user = Api.register();
        UUID connection;
        try (Connection c = Sql.connect()) {
            connection = Sql.insertConnection(c, UUID.fromString(user.userId()), "x");
        }
        problem(as(user).contentType(ContentType.JSON).body(Map.of("content", "nul\u0000here"))
                        .post("/api/posts").then(), 422)
                .body("errors[0].field", equalTo("content"));
        problem(as(user).contentType(ContentType.JSON).body(Map.of(
                        "content", "fine", "targets", List.of(Map.of("connection_id", connection.toString(),
                                                                     "content", "\u0000"))))
                        .post("/api/posts").then(), 422)
                .body("errors[0].field", equalTo("targets[0].content"));
        problem(given().contentType(ContentType.JSON).body(Map.of("email", "a\u0000@example.com", "password", "x"))
                        .post("/api/auth/login").then(), 422)
                .body("errors[0].field", equalTo("email"));
        as(user).get("/api/posts").then().statusCode(200).body("total_items", equalTo(0));
    }

    @Test
    void aPlatformErrorCannotWriteLinesIntoTheLog() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "linkedin");
        String forged = "FORGED-" + UUID.randomUUID();
        OAuthFlow.browser(started.state())
                .queryParam("error", "access_denied\n2026-12-01 00:00:00,000 ERROR [forged] " + forged)
                .queryParam("state", started.state()).get("/api/platforms/linkedin/callback").then().statusCode(400);

        List<String> lines = Files.readAllLines(Path.of("target/test-logs/service.log"));
        assertThat(lines).noneMatch(line -> line.contains(forged) && !line.contains("connect for user"));
        assertThat(lines).noneMatch(line -> line.contains("[forged]"));
    }

    @Test
    void multipartWithoutAUsableBoundaryOrEndIs400AndStoresNothing() throws Exception {
        Api.Account user = Api.register();
        String part = "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                      + "Content-Type: image/png\r\n\r\n\u0089PNG\r\n";
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("multipart/form-data; boundary=", "--\r\n");
        bodies.put("multipart/form-data; boundary=" + "b".repeat(71), "--\r\n");
        bodies.put("multipart/form-data; boundary=abc", "");
        bodies.put("multipart/form-data; boundary=abc ", part);
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<String> answer = send(post("/api/media", body.getKey(), body.getValue(), user));
            assertThat(answer.statusCode()).as(body.getKey()).isEqualTo(400);
            assertProblem(answer, "malformed-body");
        }
        assertProblem(send(post("/api/media", "multipart/form-data; boundary=abc", part, user)), "malformed-body");
        as(user).get("/api/media").then().statusCode(200).body("total_items", equalTo(0));
    }

    @Test
    void aJsonBodyPastOneMebibyteIs413WhetherItSaysSoOrStreamsChunked() throws Exception {
        String large = "{\"email\":\"" + "a".repeat(1024 * 1024) + "\",\"password\":\"x\"}";
        HttpResponse<String> declared = send(post("/api/auth/login", "application/json", large, null));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertProblem(declared, "too-large");
        assertThat(declared.body()).contains("1 MiB");

        HttpRequest chunked = HttpRequest.newBuilder(URI.create(base() + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(large.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> streamed = send(chunked);
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertProblem(streamed, "too-large");

        String fits = "{\"email\":\"" + "a".repeat(900 * 1024) + "\",\"password\":\"x\"}";
        assertThat(send(post("/api/auth/login", "application/json", fits, null)).statusCode()).isEqualTo(422);
    }

    @Test
    void anUploadDeclaredLargerThanAnyKindMayBeIs413ProblemJsonBeforeItsBodyIsRead() throws Exception {
        Api.Account user = Api.register();
        try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/media HTTP/1.1\r\nHost: localhost\r\n"
                                            + "Authorization: Bearer " + user.accessToken() + "\r\n"
                                            + "Content-Type: multipart/form-data; boundary=abc\r\n"
                                            + "Content-Length: 700000000\r\n\r\n--abc\r\n")
                                                   .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readNBytes(600), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .contains("too-large");
        }
    }

    @Test
    void aContentTypeHoldingAListIs415ProblemJsonOnEveryEndpointAndLogsNoError() throws Exception {
        Api.Account user = Api.register();
        long errorsBefore = errorLines();
        for (String path : List.of("/api/auth/login", "/api/posts", "/api/media", "/api/nothing-here")) {
            for (String type : List.of("application/json, text/plain", "multipart/form-data, application/json",
                                       "a/b,c/d;x=\"y,z\"")) {
                HttpResponse<String> answer = send(post(path, type, "{}", user));
                assertThat(answer.statusCode()).as(path + " " + type).isBetween(400, 499);
                assertThat(answer.headers().firstValue("Content-Type")).as(path + " " + type)
                        .hasValue("application/problem+json");
            }
        }
        HttpResponse<String> anonymous = send(post("/api/posts", "application/json, text/plain", "{}", null));
        assertThat(anonymous.statusCode()).isEqualTo(415);
        assertProblem(anonymous, "unsupported-media-type");
        assertThat(errorLines()).as("ERROR lines written by the hostile requests").isEqualTo(errorsBefore);
    }

    @Test
    void aMultipartFilenameWithANulByteIs422AndStoresNothing() throws Exception {
        Api.Account user = Api.register();
        for (String filename : List.of("a\u0000.png", "a.png\u0000.exe", "x\u0000\u0000y.jpg")) {
            String part = "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                          + "Content-Type: image/png\r\n\r\n" + new String(TestFiles.png(2, 2), StandardCharsets.ISO_8859_1) + "\r\n--abc--\r\n";
            HttpResponse<String> answer = send(post("/api/media", "multipart/form-data; boundary=abc", part, user));
            assertThat(answer.statusCode()).as(filename.replace("\u0000", "<NUL>")).isEqualTo(422);
            assertProblem(answer, "validation");
            assertThat(answer.body()).contains("filename");
        }
        as(user).get("/api/media").then().statusCode(200).body("total_items", equalTo(0));
    }

    private static long errorLines() throws java.io.IOException {
        try (var lines = Files.lines(Path.of("target/test-logs/service.log"), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(" ERROR ")).count();
        }
    }

    private static HttpRequest post(String path, String contentType, String body, Api.Account user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1));
        if (user != null) {
            request.header("Authorization", "Bearer " + user.accessToken());
        }
        return request.build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void assertProblem(HttpResponse<String> answer, String type) {
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("\"type\":\"https://poststride.dev/problems/" + type + "\"");
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
