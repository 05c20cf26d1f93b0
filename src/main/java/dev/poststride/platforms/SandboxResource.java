package dev.poststride.platforms;

import io.quarkus.arc.All;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dev sandbox: serves each module's {@link PlatformFake} under {@code /sandbox/<prefix>}, with one
 * {@link FakeWorld} for the app, so every platform can be tried without an account. Compiled into dev and test
 * builds only, and no part of the API document ({@code mp.openapi.scan.exclude.classes}).
 */
@Path("/sandbox/{prefix}")
@Singleton // one world for the app: what a fake was sent is still there on the next request
@IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
public class SandboxResource {

    private final Map<String, PlatformFake> fakes = new HashMap<>();
    private final FakeWorld world;

    SandboxResource(@All List<PlatformFake> fakes, SandboxConfig sandbox) {
        for (PlatformFake fake : fakes) {
            fake.prefixes().forEach(prefix -> this.fakes.put(prefix, fake));
        }
        this.world = new FakeWorld(sandbox.baseUrl(), new FakeWorld.Listener() {
        });
    }

    @GET
    @Path("{path: .*}")
    public Response get(@PathParam("prefix") String prefix, @Context UriInfo uri, @Context HttpHeaders headers) {
        return serve(prefix, "GET", uri, headers, null);
    }

    @POST
    @Path("{path: .*}")
    @Consumes(MediaType.WILDCARD)
    public Response post(@PathParam("prefix") String prefix, @Context UriInfo uri, @Context HttpHeaders headers,
                         byte[] body) {
        return serve(prefix, "POST", uri, headers, body);
    }

    @PUT
    @Path("{path: .*}")
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("prefix") String prefix, @Context UriInfo uri, @Context HttpHeaders headers,
                        byte[] body) {
        return serve(prefix, "PUT", uri, headers, body);
    }

    @DELETE
    @Path("{path: .*}")
    public Response delete(@PathParam("prefix") String prefix, @Context UriInfo uri, @Context HttpHeaders headers) {
        return serve(prefix, "DELETE", uri, headers, null);
    }

    private Response serve(String prefix, String method, UriInfo uri, HttpHeaders headers, byte[] body) {
        PlatformFake fake = fakes.get(prefix);
        String full = uri.getPath();
        String path = full.substring(Math.min(full.length(), ("/sandbox/" + prefix).length()));
        Map<String, String> query = new HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> query.put(name, values.getFirst()));
        Map<String, String> heads = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> heads.put(name, values.getFirst()));
        FakeAnswer answer = fake == null ? null
                : fake.answer(prefix, new FakeRequest(method, path.isEmpty() ? "/" : path, query, heads, body), world);
        if (answer == null) {
            answer = FakeAnswer.json(404, Map.of("error", "the sandbox has no " + method + " " + full));
        }
        Response.ResponseBuilder out = Response.status(answer.status());
        answer.headers().forEach(out::header);
        if (answer.body() != null) {
            out.entity(answer.body()).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return out.build();
    }
}
