package dev.poststride.post;

import dev.poststride.common.Items;
import dev.poststride.common.Page;
import dev.poststride.common.access.CurrentAccess;
import dev.poststride.common.access.Permission;
import dev.poststride.common.access.Requires;
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
    private final PostReads reads;
    private final PostApprovals approvals;
    private final CurrentAccess access;

    PostResource(PostService posts, PostReads reads, PostApprovals approvals, CurrentAccess access) {
        this.posts = posts;
        this.reads = reads;
        this.approvals = approvals;
        this.access = access;
    }

    /** A reviewer's reason for sending a post back. */
    public record Rejection(@jakarta.validation.constraints.Size(max = 2000) String comment) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.POSTS_WRITE)
    @Operation(summary = "Write a post for one or more connected accounts, as a draft or scheduled (pending_approval"
                         + " where the workspace wants approval of you); every platform rule is checked when"
                         + " scheduling")
    public Response create(@NotNull @Valid PostRequest request,
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        Answer<PostView> answer = posts.create(access.get(), request, idempotencyKey);
        return Response.status(answer.status()).entity(answer.body())
                .location(URI.create("/api/posts/" + answer.body().id())).build();
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.POSTS_WRITE)
    @Operation(summary = "Dry run of creating a post: the same body and checks (including live ones such as TikTok's"
                         + " creator_info), nothing stored; answers whether it would be saved, as what, every broken"
                         + " rule, and per target the text, its counted length, the media and the options")
    public PostCheck validate(@NotNull @Valid PostRequest request) {
        return posts.dryRun(access.get(), request);
    }

    @GET
    @Requires(Permission.POSTS_READ)
    @Operation(summary = "The workspace's posts, newest scheduled first; filters: status, platform, from/to on"
                         + " scheduled_at")
    public Page<PostView> list(@QueryParam("status") String status, @QueryParam("platform") String platform,
                               @QueryParam("from") String from, @QueryParam("to") String to,
                               @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
                               @QueryParam("page") String page,
                               @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
                               @QueryParam("size") String size) {
        Page.PageRequest paging = Page.PageRequest.of(page, size);
        return reads.list(access.get().workspace(), reads.filter(access.get().userId(), status, platform, from, to),
                          paging);
    }

    @GET
    @Path("/{id}")
    @Requires(Permission.POSTS_READ)
    public PostView get(@PathParam("id") UUID id) {
        return reads.get(access.get().workspace(), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.POSTS_WRITE)
    public PostView update(@PathParam("id") UUID id, @NotNull @Valid PostRequest request) {
        return posts.update(access.get(), id, request);
    }

    @DELETE
    @Path("/{id}")
    @Requires(Permission.POSTS_WRITE)
    public void delete(@PathParam("id") UUID id) {
        posts.delete(access.get().workspace(), id);
    }

    @POST
    @Path("/{id}/cancel")
    @Requires(Permission.POSTS_WRITE)
    public PostView cancel(@PathParam("id") UUID id) {
        return posts.cancel(access.get(), id);
    }

    @POST
    @Path("/{id}/targets/{targetId}/retry")
    @Requires(Permission.POSTS_WRITE)
    public Response retry(@PathParam("id") UUID id, @PathParam("targetId") UUID targetId) {
        return Response.accepted(posts.retry(access.get(), id, targetId)).build();
    }

    @GET
    @Path("/{id}/targets/{targetId}/attempts")
    @Requires(Permission.POSTS_READ)
    public Items<AttemptView> attempts(@PathParam("id") UUID id, @PathParam("targetId") UUID targetId) {
        return new Items<>(reads.attempts(access.get().workspace(), id, targetId));
    }

    @POST
    @Path("/{id}/approve")
    @Requires(Permission.POSTS_APPROVE)
    @Operation(summary = "Approve a post awaiting approval: scheduled for its time, or a draft again if that passed")
    public PostView approve(@PathParam("id") UUID id) {
        return approvals.approve(access.get(), id);
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.POSTS_APPROVE)
    @Operation(summary = "Send a post awaiting approval back to draft, with a comment for its author")
    public PostView reject(@PathParam("id") UUID id, @Valid Rejection rejection) {
        return approvals.reject(access.get(), id, rejection == null ? null : rejection.comment());
    }

    @GET
    @Path("/{id}/history")
    @Requires(Permission.POSTS_READ)
    @Operation(summary = "Every status change of the post, oldest first: from, to, who (user or API key; neither for"
                         + " the publishing engine), when, and a reviewer's comment")
    public Items<PostHistory.Entry> history(@PathParam("id") UUID id) {
        return new Items<>(reads.history(access.get().workspace(), id));
    }
}
