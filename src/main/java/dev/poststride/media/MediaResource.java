package dev.poststride.media;

import dev.poststride.common.CurrentUser;
import dev.poststride.common.Page;
import dev.poststride.common.Problems;
import dev.poststride.common.idempotency.IdempotencyKeys;
import dev.poststride.common.idempotency.IdempotencyKeys.Answer;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/media")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Media")
@SecurityRequirement(name = "SecurityScheme")
public class MediaResource {

    private final MediaService media;
    private final CurrentUser currentUser;

    MediaResource(MediaService media, CurrentUser currentUser) {
        this.media = media;
        this.currentUser = currentUser;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a file (part 'file', optional 'alt_text'): 201 new, 200 when you already have these"
                         + " bytes; kind and type come from the content")
    public Response upload(@RestForm("file") FileUpload file, @RestForm("alt_text") String altText,
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        if (file == null || file.uploadedFile() == null) {
            throw new Problems.Invalid("file", "is required (a multipart part named 'file')");
        }
        Answer<MediaView> answer = media.upload(currentUser.id(), new MediaService.Upload(
                file.uploadedFile(), file.fileName(), altText), idempotencyKey);
        Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.body());
        if (answer.status() == 201) {
            response.location(URI.create("/api/media/" + answer.body().id()));
        }
        return response.build();
    }

    @GET
    public Page<MediaView> list(@QueryParam("media_type") String mediaType,
                                @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
                                @QueryParam("page") String page,
                                @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
                                @QueryParam("size") String size) {
        return media.list(currentUser.id(), mediaType, Page.PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    public MediaView get(@PathParam("id") UUID id) {
        return media.get(currentUser.id(), id);
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The file's bytes, for its owner")
    public Response content(@PathParam("id") UUID id) {
        return MediaContentResponses.of(media.content(currentUser.id(), id));
    }

    @POST
    @Path("/{id}/pull-url")
    @Operation(summary = "A signed URL that serves the file without a Bearer token until it expires")
    public MediaService.SignedUrl pullUrl(@PathParam("id") UUID id) {
        return media.signedUrl(currentUser.id(), id);
    }

    @DELETE
    @Path("/{id}")
    public void delete(@PathParam("id") UUID id) {
        media.delete(currentUser.id(), id);
    }
}
