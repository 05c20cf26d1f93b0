package dev.poststride.post;

import dev.poststride.common.CurrentUser;
import dev.poststride.common.Items;
import dev.poststride.common.Page;
import dev.poststride.common.idempotency.IdempotencyKeys;
import dev.poststride.common.idempotency.IdempotencyKeys.Answer;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/posts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Posts")
@SecurityRequirement(name = "SecurityScheme")
public class PostResource {

    private final PostService posts;
    private final CurrentUser currentUser;

    PostResource(PostService posts, CurrentUser currentUser) {
        this.posts = posts;
        this.currentUser = currentUser;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write a post for one or more connected accounts, as a draft or scheduled; every platform"
                         + " rule is checked when scheduling")
    public Response create(@NotNull @Valid PostRequest request,
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        Answer<PostView> answer = posts.create(currentUser.id(), request, idempotencyKey);
        return Response.status(answer.status()).entity(answer.body())
                .location(URI.create("/api/posts/" + answer.body().id())).build();
    }

    @GET
    @Operation(summary = "Your posts, newest scheduled first; filters: status, platform, from/to on scheduled_at")
    public Page<PostView> list(@QueryParam("status") String status, @QueryParam("platform") String platform,
                               @QueryParam("from") String from, @QueryParam("to") String to,
                               @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
                               @QueryParam("page") String page,
                               @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
                               @QueryParam("size") String size) {
        Page.PageRequest paging = Page.PageRequest.of(page, size);
        return posts.list(currentUser.id(), posts.filter(currentUser.id(), status, platform, from, to), paging);
    }

    @GET
    @Path("/{id}")
    public PostView get(@PathParam("id") UUID id) {
        return posts.get(currentUser.id(), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PostView update(@PathParam("id") UUID id, @NotNull @Valid PostRequest request) {
        return posts.update(currentUser.id(), id, request);
    }

    @DELETE
    @Path("/{id}")
    public void delete(@PathParam("id") UUID id) {
        posts.delete(currentUser.id(), id);
    }

    @POST
    @Path("/{id}/cancel")
    public PostView cancel(@PathParam("id") UUID id) {
        return posts.cancel(currentUser.id(), id);
    }

    @POST
    @Path("/{id}/targets/{targetId}/retry")
    public Response retry(@PathParam("id") UUID id, @PathParam("targetId") UUID targetId) {
        return Response.accepted(posts.retry(currentUser.id(), id, targetId)).build();
    }

    @GET
    @Path("/{id}/targets/{targetId}/attempts")
    public Items<AttemptView> attempts(@PathParam("id") UUID id, @PathParam("targetId") UUID targetId) {
        return new Items<>(posts.attempts(currentUser.id(), id, targetId));
    }
}
