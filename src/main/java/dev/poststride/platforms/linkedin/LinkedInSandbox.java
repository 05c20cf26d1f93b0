package dev.poststride.platforms.linkedin;

import dev.poststride.platforms.OAuthSandbox;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.SandboxConfig;
import dev.poststride.platforms.SandboxFakes;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * LinkedIn for the dev sandbox, in LinkedIn's HTTP shapes (platform-apis.md 2): the member administers one Company
 * Page, so the sandbox connects it beside the member.
 */
@Path("/sandbox/linkedin")
@IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
public class LinkedInSandbox extends OAuthSandbox {

    private final String uploads;

    LinkedInSandbox(SandboxConfig sandbox) {
        this.uploads = SandboxFakes.trimSlash(sandbox.baseUrl()) + "/" + LinkedInModule.KEY.key() + "/uploads/";
    }

    @Override
    protected PlatformKey platform() {
        return LinkedInModule.KEY;
    }

    @Override
    protected long lifetimeSeconds() {
        return 5_184_000;
    }

    @Override
    protected String scopes() {
        return "openid profile w_member_social w_organization_social rw_organization_admin";
    }

    @GET
    @Path("/v2/userinfo")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> userinfo() {
        return Map.of("sub", "sandbox-member", "name", "Sandbox Member");
    }

    @GET
    @Path("/rest/organizationAcls")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> pages() {
        return Map.of("elements", List.of(Map.of("organization", "urn:li:organization:1001", "role", "ADMINISTRATOR",
                                                 "state", "APPROVED")));
    }

    @GET
    @Path("/rest/organizations/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> page(@PathParam("id") String id) {
        return Map.of("id", id, "localizedName", "Sandbox Company");
    }

    @POST
    @Path("/rest/posts")
    public Response post() {
        return Response.status(201).header("x-restli-id", "urn:li:share:" + SandboxFakes.numericId()).build();
    }

    @POST
    @Path("/rest/images")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> image() {
        return Map.of("value", Map.of("uploadUrl", uploadUrl(), "image", "urn:li:image:" + SandboxFakes.numericId()));
    }

    @POST
    @Path("/rest/documents")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> document() {
        return Map.of("value", Map.of("uploadUrl", uploadUrl(),
                                      "document", "urn:li:document:D" + SandboxFakes.numericId()));
    }

    @POST
    @Path("/rest/videos")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> video() {
        return Map.of("value", Map.of("video", "urn:li:video:" + SandboxFakes.numericId(), "uploadToken", "",
                                      "uploadInstructions", List.of(Map.of("uploadUrl", uploadUrl(), "firstByte", 0,
                                                                           "lastByte", Long.MAX_VALUE / 2))));
    }

    @GET
    @Path("/rest/videos/{urn}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> videoStatus() {
        return Map.of("status", "AVAILABLE");
    }

    @PUT
    @Path("/uploads/{id}")
    public Response upload() {
        return Response.status(201).header("etag", "sandbox-etag").build();
    }

    @POST
    @Path("/rest/socialActions/{urn}/comments")
    public Response comment() {
        return Response.status(201).header("x-restli-id", "urn:li:comment:(urn:li:activity:"
                                                          + SandboxFakes.numericId() + "," + SandboxFakes.numericId()
                                                          + ")").build();
    }

    private String uploadUrl() {
        return uploads + UUID.randomUUID();
    }
}
