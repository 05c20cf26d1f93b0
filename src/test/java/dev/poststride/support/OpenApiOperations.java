package dev.poststride.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations of the running service's own OpenAPI document ({@code /q/openapi}), so that suites probing every
 * endpoint cover a new one without being edited.
 */
public final class OpenApiOperations {

    /** One parameter: its name, where it goes ({@code path}, {@code query}, {@code header}) and its schema. */
    public record Parameter(String name, String in, JsonNode schema) {
    }

    /** One operation; {@code bodyType} and {@code bodySchema} are empty for operations without a body. */
    public record Operation(String method, String path, List<Parameter> parameters, Optional<String> bodyType,
                            Optional<JsonNode> bodySchema, boolean secured) {

        public List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final JsonNode document;

    private OpenApiOperations(JsonNode document) {
        this.document = document;
    }

    /** Reads the document of the service under test. */
    public static OpenApiOperations load() {
        try {
            String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                    .asString();
            return new OpenApiOperations(new ObjectMapper().readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The OpenAPI document is not JSON", e);
        }
    }

    public List<Operation> all() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                JsonNode op = method.getValue();
                List<Parameter> parameters = new ArrayList<>();
                op.path("parameters").forEach(p -> parameters.add(
                        new Parameter(p.path("name").asText(), p.path("in").asText(), resolve(p.path("schema")))));
                Optional<String> bodyType = Optional.empty();
                Optional<JsonNode> bodySchema = Optional.empty();
                Iterator<Map.Entry<String, JsonNode>> content = op.path("requestBody").path("content").fields();
                if (content.hasNext()) {
                    Map.Entry<String, JsonNode> first = content.next();
                    bodyType = Optional.of(first.getKey());
                    bodySchema = Optional.of(resolve(first.getValue().path("schema")));
                }
                operations.add(new Operation(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
                                             parameters, bodyType, bodySchema, op.has("security")));
            }
        }
        return operations;
    }

    /** The schema with a top-level {@code $ref} followed (nested ones are followed by {@link #resolve} again). */
    public JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.has("$ref") && hops < 10; hops++) {
            String ref = current.get("$ref").asText();
            current = document.at(ref.substring(1));
        }
        return current;
    }
}
