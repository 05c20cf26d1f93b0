package dev.poststride.reliability;

import static dev.poststride.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poststride.support.Api;
import dev.poststride.support.OpenApiOperations;
import dev.poststride.support.OpenApiOperations.Operation;
import dev.poststride.support.OpenApiOperations.Parameter;
import dev.poststride.support.Sql;
import dev.poststride.support.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hostile input generated from the service's own OpenAPI document: every operation, with plausible requests of which
 * one to three values are replaced by something hostile (huge or empty strings, NUL and lone surrogates, wrong types,
 * nulls, deep JSON, odd instants, paging extremes, foreign and malformed ids, malformed multipart), or whose whole
 * body is. Nothing may answer 5xx, every error is problem+json with its status, and the database invariants hold
 * afterwards. Seeded: {@code -Dpoststride.fuzz.seed} and {@code -Dpoststride.fuzz.requests} (a few hundred in CI;
 * {@code scripts/reliability.sh} runs 10,000), and a failure names the seed and the request to replay.
 */
@QuarkusTest
class HostileInputSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int REQUESTS_PER_OWNER = 40;

    /** The values a hostile client tries; strings beyond a URL's length limit are kept out of paths and queries. */
    private static final List<Object> HOSTILE = List.of(
            "", " ", "\u0000", "a\u0000b", "\uD800", "\uDFFF lone", "😀".repeat(300), "x".repeat(100_001),
            "' or 1=1 --", "../../etc/passwd", "%00", "<script>alert(1)</script>", "\r\nX-Injected: 1",
            "+300000-01-01T00:00:00Z", "-4714-11-24T00:00:00Z", "2026-02-30T00:00:00Z", "0000-00-00T00:00:00Z",
            "not-a-uuid", "00000000-0000-0000-0000-000000000000", "NaN", "-1", "0", "2147483647", "2147483648",
            "9223372036854775808", "1e308", -1, 0, Integer.MAX_VALUE, Long.MIN_VALUE, 1e308, -0.0, true, false);

    record Fixture(Api.Account owner, UUID connection, String post, String target, String media) {
    }

    record Failure(String request, int status, String body) {
    }

    @Test
    void noGeneratedRequestReaches5xxAndEveryErrorIsProblemJson() throws Exception {
        long seed = Long.getLong("poststride.fuzz.seed", 20261202L);
        int requests = Integer.getInteger("poststride.fuzz.requests", 300);
        Random random = new Random(seed);
        OpenApiOperations api = OpenApiOperations.load();
        // The event stream never ends, so a generated request for it would wait forever; its bad input (tickets,
        // Last-Event-ID, workspaces) is EventStreamTest's.
        List<Operation> operations = api.all().stream().filter(o -> !o.path().equals("/api/events/stream")).toList();
        assertThat(operations).hasSizeGreaterThan(20);

        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Integer> perOperation = new TreeMap<>();
        List<Failure> failures = new ArrayList<>();
        Fixture fixture = null;
        List<UUID> owners = new ArrayList<>();
        boolean sessionEnded = true;
        for (int i = 0; i < requests; i++) {
            // A fresh owner now and then, and whenever a request ended the owner's session (logout, new password).
            if (i % REQUESTS_PER_OWNER == 0 || sessionEnded) {
                fixture = fixture();
                owners.add(UUID.fromString(fixture.owner().userId()));
            }
            Operation operation = operations.get(random.nextInt(operations.size()));
            Generated generated = generate(api, operation, fixture, random);
            Response answer = generated.send();
            int status = answer.statusCode();
            statuses.merge(status / 100 + "xx " + status, 1, Integer::sum);
            perOperation.merge(operation.toString(), 1, Integer::sum);
            sessionEnded = status == 401 && generated.asOwner();
            String problem = problemDefect(answer);
            if (status >= 500 || problem != null) {
                failures.add(new Failure("#" + i + " " + generated.description(), status,
                                         problem != null ? problem : abbreviate(answer.asString())));
            }
        }
        forgetLoginFailures();
        List<String> broken = invariantsBroken(owners);
        writeReport(seed, requests, statuses, perOperation, failures, broken);
        assertThat(failures).as("seed %d: requests answered 5xx or without problem+json", seed).isEmpty();
        assertThat(broken).as("database invariants after the run").isEmpty();
        if (requests >= 10 * operations.size()) {
            assertThat(perOperation).as("every operation was tried").hasSize(operations.size());
        }
    }

    // ---- generation -------------------------------------------------------------------------------------------------

    /** A request ready to send, described well enough to replay. */
    record Generated(RequestSpecification request, String method, String path, String description,
                     boolean asOwner) {
        Response send() {
            return request.request(method, path);
        }
    }

    private Generated generate(OpenApiOperations api, Operation operation, Fixture fixture, Random random) {
        RequestSpecification request = given().redirects().follow(false).urlEncodingEnabled(false);
        StringBuilder description = new StringBuilder(operation.toString());
        int auth = random.nextInt(20);
        if (auth < 17) {
            request.header("Authorization", "Bearer " + fixture.owner().accessToken());
        } else if (auth == 17) {
            request.header("Authorization", "Bearer " + pick(random, List.of("", "x.y.z", "e30.e30.", "\u00e9")));
            description.append(" [bad token]");
        } else {
            description.append(" [anonymous]");
        }
        String path = operation.path();
        for (Parameter p : operation.in("path")) {
            String value = random.nextInt(4) == 0 ? urlSafe(hostileText(random)) : ownId(p.name(), path, fixture,
                                                                                           random);
            path = path.replace("{" + p.name() + "}", encode(value));
        }
        List<String> query = new ArrayList<>();
        for (Parameter p : operation.in("query")) {
            if (random.nextBoolean()) {
                Object value = random.nextInt(3) == 0 ? plausible(api, p.schema(), p.name(), fixture, random)
                        : urlSafe(hostileText(random));
                query.add(encode(p.name()) + "=" + encode(String.valueOf(value)));
            }
        }
        for (Parameter p : operation.in("header")) {
            if (random.nextBoolean()) {
                String value = headerSafe(random.nextBoolean() ? hostileText(random) : UUID.randomUUID().toString());
                request.header(p.name(), value);
                description.append(" ").append(p.name()).append(": ").append(abbreviate(value));
            }
        }
        String url = query.isEmpty() ? path : path + "?" + String.join("&", query);
        description.replace(0, operation.toString().length(), operation.method() + " " + abbreviate(url));
        if (operation.bodyType().isPresent()) {
            String type = operation.bodyType().get();
            if (type.startsWith("multipart/")) {
                multipart(request, random, description);
            } else {
                String body = jsonBody(api, operation.bodySchema().orElseThrow(), fixture, random);
                String contentType = random.nextInt(12) == 0 ? pick(random, HOSTILE_CONTENT_TYPES)
                        : ContentType.JSON.toString();
                request.contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8));
                description.append(" body ").append(abbreviate(body));
                if (!contentType.equals(ContentType.JSON.toString())) {
                    description.append(" as ").append(contentType);
                }
            }
        }
        return new Generated(request, operation.method(), url, description.toString(), auth < 17);
    }

    private String jsonBody(OpenApiOperations api, JsonNode schema, Fixture fixture, Random random) {
        switch (random.nextInt(10)) {
            case 0 -> {
                return pick(random, List.of("", "{", "[]", "null", "\"text\"", "{\"a\":", "[".repeat(5000),
                                            "{\"content\":\"x\"}".repeat(3), "\u0000", "{\"content\":1e99999}"));
            }
            case 1 -> {
                return "{\"content\":\"deep\",\"extra\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
            }
            default -> {
                JsonNode body = plausibleNode(api, schema, "", fixture, random, 0);
                int mutations = 1 + random.nextInt(3);
                for (int m = 0; m < mutations; m++) {
                    mutate(body, random);
                }
                return body.toString();
            }
        }
    }

    /** Replaces, drops or adds one value somewhere in {@code node}. */
    private void mutate(JsonNode node, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(node, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNode hostile = hostileNode(random);
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty() || random.nextInt(5) == 0) {
                object.set(pick(random, List.of("status", "user_id", "id", "owner", "platform_post_id", "x")),
                           hostile);
            } else if (random.nextInt(6) == 0) {
                object.remove(pick(random, names));
            } else {
                object.set(pick(random, names), hostile);
            }
        } else if (target instanceof ArrayNode array) {
            if (array.isEmpty() || random.nextBoolean()) {
                array.add(hostile);
            } else {
                array.set(random.nextInt(array.size()), hostile);
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    private JsonNode hostileNode(Random random) {
        Object value = pick(random, HOSTILE);
        return switch (random.nextInt(8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.objectNode().put("nested", String.valueOf(value));
            case 2 -> NODES.arrayNode().add(String.valueOf(value));
            default -> JSON.valueToTree(value);
        };
    }

    /** A value that passes for what the schema describes, with the fixture's own ids where ids are asked for. */
    private JsonNode plausibleNode(OpenApiOperations api, JsonNode schema, String name, Fixture fixture,
                                   Random random, int depth) {
        JsonNode resolved = api.resolve(schema);
        if (resolved == null || resolved.isMissingNode() || depth > 6) {
            return NODES.textNode("x");
        }
        String type = resolved.path("type").asText("object");
        if (type.equals("object") && resolved.has("properties")) {
            ObjectNode object = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = resolved.get("properties").fields();
                 fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                object.set(field.getKey(), plausibleNode(api, field.getValue(), field.getKey(), fixture, random,
                                                         depth + 1));
            }
            return object;
        }
        if (type.equals("array")) {
            ArrayNode array = NODES.arrayNode();
            array.add(plausibleNode(api, resolved.path("items"), name, fixture, random, depth + 1));
            return array;
        }
        return JSON.valueToTree(plausible(api, resolved, name, fixture, random));
    }

    private Object plausible(OpenApiOperations api, JsonNode schema, String name, Fixture fixture, Random random) {
        JsonNode resolved = api.resolve(schema);
        String type = resolved == null ? "string" : resolved.path("type").asText("string");
        String format = resolved == null ? "" : resolved.path("format").asText("");
        if (type.equals("integer")) {
            return 1 + random.nextInt(3);
        }
        if (type.equals("boolean")) {
            return random.nextBoolean();
        }
        if (format.equals("uuid") || name.endsWith("_id") || name.endsWith("_ids")) {
            return name.startsWith("media") ? fixture.media() : fixture.connection().toString();
        }
        return switch (name) {
            case "scheduled_at", "from", "to" -> Instant.now().plus(1 + random.nextInt(30), ChronoUnit.DAYS)
                    .toString();
            case "status" -> pick(random, List.of("draft", "scheduled", "published"));
            case "platform" -> pick(random, List.of("x", "linkedin", "instagram", "facebook", "tiktok"));
            case "email" -> Api.uniqueEmail();
            case "password", "current_password", "new_password" -> Api.PASSWORD;
            case "timezone" -> pick(random, List.of("UTC", "Europe/Paris", "Mars/Olympus"));
            case "media_type" -> pick(random, List.of("image", "video"));
            default -> "text " + random.nextInt(1000);
        };
    }

    private void multipart(RequestSpecification request, Random random, StringBuilder description) {
        switch (random.nextInt(6)) {
            case 0 -> {
                request.contentType(pick(random, List.of("multipart/form-data", "multipart/form-data; boundary=",
                                                         "multipart/form-data; boundary=abc")))
                        .body(pick(random, List.of("", "--abc\r\n", "--abc--\r\n", "garbage"))
                                      .getBytes(StandardCharsets.UTF_8));
                description.append(" [raw multipart]");
            }
            case 1 -> {
                request.multiPart("file", "tiny.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0},
                                  "image/png");
                description.append(" [header-only png]");
            }
            case 2 -> {
                request.multiPart("other", "text");
                description.append(" [no file part]");
            }
            case 3 -> {
                // A NUL inside the file name, which Commons FileUpload refuses by throwing (it once reached a 500).
                String raw = "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000.png\"\r\n"
                             + "Content-Type: image/png\r\n\r\n" + new String(TestFiles.png(3, 3),
                                                                             StandardCharsets.ISO_8859_1)
                             + "\r\n--abc--\r\n";
                request.contentType("multipart/form-data; boundary=abc").body(raw.getBytes(StandardCharsets.ISO_8859_1));
                description.append(" [png whose name holds a NUL]");
            }
            default -> {
                request.multiPart("file", headerSafe(hostileText(random)) + ".png", TestFiles.png(3, 3), "image/png");
                request.multiPart("alt_text", hostileText(random).replace("\u0000", ""));
                description.append(" [png with hostile name and alt text]");
            }
        }
    }

    // ---- fixtures and checks ----------------------------------------------------------------------------------------

    /** The run's failed logins all come from this machine's address; later test classes must not be throttled. */
    private static void forgetLoginFailures() throws Exception {
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "delete from login_throttle");
        }
    }

    private static Fixture fixture() throws Exception {
        Api.Account owner = Api.register();
        UUID connection;
        try (Connection c = Sql.connect()) {
            connection = Sql.insertConnection(c, UUID.fromString(owner.userId()), "x");
        }
        String media = as(owner).multiPart("file", "fixture.png", TestFiles.png(8, 8), "image/png")
                .post("/api/media").then().statusCode(201).extract().path("id");
        Response post = as(owner).contentType(ContentType.JSON).body(Map.of(
                        "content", "fixture", "scheduled_at", Instant.now().plus(3, ChronoUnit.DAYS).toString(),
                        "targets", List.of(Map.of("connection_id", connection.toString())),
                        "media_ids", List.of(media)))
                .post("/api/posts");
        post.then().statusCode(201);
        return new Fixture(owner, connection, post.path("id"), post.path("targets[0].id"), media);
    }

    private static String ownId(String name, String path, Fixture fixture, Random random) {
        if (random.nextInt(5) == 0) {
            return UUID.randomUUID().toString();
        }
        if (name.equals("targetId")) {
            return fixture.target();
        }
        if (name.equals("platform")) {
            return pick(random, List.of("x", "linkedin", "myspace"));
        }
        if (path.startsWith("/api/media") || path.startsWith("/api/public/media")) {
            return fixture.media();
        }
        if (path.startsWith("/api/platforms")) {
            return fixture.connection().toString();
        }
        return fixture.post();
    }

    /** Why {@code answer} is not a proper error, or null when it is one (or is no error). */
    private static String problemDefect(Response answer) {
        if (answer.statusCode() < 400) {
            return null;
        }
        String type = answer.contentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            return "content type " + type + ", body " + abbreviate(answer.asString());
        }
        try {
            JsonNode problem = JSON.readTree(answer.asString());
            if (!problem.path("type").isTextual() || !problem.path("title").isTextual()
                || problem.path("status").asInt() != answer.statusCode()) {
                return "incomplete problem " + abbreviate(answer.asString());
            }
        } catch (java.io.IOException e) {
            return "problem body is not JSON: " + abbreviate(answer.asString());
        }
        return null;
    }

    /**
     * What must hold in the database whatever was sent, checked on the rows of the run's own users (other test
     * classes cancel targets wholesale); each broken one is described.
     */
    private static List<String> invariantsBroken(List<UUID> owners) throws Exception {
        // Checked on the workspaces the run's users belong to (their personal ones, and any they created).
        String theirs = "(select workspace_id from workspace_members where user_id = any(?))";
        Map<String, String> checks = Map.of(
                "a scheduled post has a target waiting",
                "select count(*) from posts p where p.workspace_id in " + theirs + " and p.status = 'scheduled'"
                + " and not exists (select 1 from post_platforms pp where pp.post_id = p.id and pp.status in"
                + " ('pending', 'publishing'))",
                "no scheduled post's target waits on a revoked connection (a draft may name one)",
                "select count(*) from post_platforms pp join user_platforms up on up.id = pp.user_platform_id"
                + " join posts p on p.id = pp.post_id where up.workspace_id in " + theirs
                + " and up.status = 'revoked' and pp.status = 'pending' and p.status in ('scheduled', 'publishing')",
                "every target belongs to its post's workspace",
                "select count(*) from post_platforms pp join posts p on p.id = pp.post_id"
                + " join user_platforms up on up.id = pp.user_platform_id"
                + " where p.workspace_id in " + theirs + " and up.workspace_id <> p.workspace_id",
                "every attached media belongs to its post's workspace",
                "select count(*) from post_media pm join posts p on p.id = pm.post_id"
                + " join media m on m.id = pm.media_id where p.workspace_id in " + theirs
                + " and m.workspace_id <> p.workspace_id",
                "no post text is beyond its limit",
                "select count(*) from posts where workspace_id in " + theirs + " and length(content) > 100000",
                "every workspace keeps an owner",
                "select count(*) from workspaces w where w.id in " + theirs + " and not exists (select 1 from"
                + " workspace_members m where m.workspace_id = w.id and m.role = 'owner')");
        List<String> broken = new ArrayList<>();
        try (Connection c = Sql.connect()) {
            java.sql.Array ids = c.createArrayOf("uuid", owners.toArray());
            for (Map.Entry<String, String> check : checks.entrySet()) {
                long count = ((Number) Sql.value(c, check.getValue(), ids)).longValue();
                if (count > 0) {
                    broken.add(check.getKey() + ": " + count + " rows break it");
                }
            }
        }
        return broken;
    }

    private static void writeReport(long seed, int requests, Map<String, Integer> statuses,
                                    Map<String, Integer> perOperation, List<Failure> failures, List<String> broken)
            throws Exception {
        ObjectNode report = NODES.objectNode();
        report.put("seed", seed).put("requests", requests).put("failures", failures.size());
        report.set("statuses", JSON.valueToTree(statuses));
        report.set("operations", JSON.valueToTree(perOperation));
        report.set("failed_requests", JSON.valueToTree(failures.stream().limit(50).toList()));
        report.set("invariants_broken", JSON.valueToTree(broken));
        Path file = Path.of("target/reliability/hostile-input.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }

    // ---- values -----------------------------------------------------------------------------------------------------

    /** Content-Type values that are not one media type, or not one this API takes. */
    private static final List<String> HOSTILE_CONTENT_TYPES = List.of(
            "application/json, text/plain", "text/plain", "application/json;charset", "/", "application/json; a=\"b",
            "multipart/form-data, application/json");

    private static String hostileText(Random random) {
        return String.valueOf(pick(random, HOSTILE));
    }

    /** Keeps a URL within the server's line limit (a 414/431 there is Vert.x's, with no body: see RELIABILITY.md). */
    private static String urlSafe(String value) {
        return value.length() > 300 ? value.substring(0, 300) : value;
    }

    /** Header values a client library can send at all (no control characters), kept short. */
    private static String headerSafe(String value) {
        String printable = value.codePoints().filter(c -> c >= 0x20 && c < 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 200 ? printable.substring(0, 200) : printable;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + " chars)" : text;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
