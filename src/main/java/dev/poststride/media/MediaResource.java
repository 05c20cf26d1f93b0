package dev.poststride.media;

import dev.poststride.common.Page;
import dev.poststride.common.access.CurrentAccess;
import dev.poststride.common.access.Permission;
import dev.poststride.common.access.Requires;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/media")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Media")
@SecurityRequirement(name = "SecurityScheme")
public class MediaResource {

    private final MediaService media;
    private final MediaUploads uploads;
    private final CurrentAccess access;

    MediaResource(MediaService media, MediaUploads uploads, CurrentAccess access) {
        this.media = media;
        this.uploads = uploads;
        this.access = access;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Requires(Permission.MEDIA_WRITE)
    @Operation(summary = "Upload a file (part 'file', optional 'alt_text'): 201 new, 200 when you already have these"
                         + " bytes; kind and type come from the content. The file streams to storage as it arrives;"
                         + " past its kind's limit or your remaining quota the answer is 413 at once")
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                                    schema = @Schema(implementation = UploadFormSchema.class)))
    public Response upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        Answer<MediaView> answer = uploads.upload(access.get().workspace(), access.get().userId(), contentType, body,
                                                  idempotencyKey);
        Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.body());
        if (answer.status() == 201) {
            response.location(URI.create("/api/media/" + answer.body().id()));
        }
        return response.build();
    }

    /** The parts of an upload, for the OpenAPI document (the body itself is read as a stream). */
    @Schema(name = "MediaUpload")
    public record UploadFormSchema(
            @Schema(type = SchemaType.STRING, format = "binary", required = true) String file,
            @Schema(maxLength = 1000, description = "text describing the image for people who cannot see it")
            String altText) {
    }

    @GET
    @Requires(Permission.MEDIA_READ)
    public Page<MediaView> list(@QueryParam("media_type") String mediaType,
                                @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
                                @QueryParam("page") String page,
                                @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
                                @QueryParam("size") String size) {
        return media.list(access.get().workspace(), mediaType, Page.PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @Requires(Permission.MEDIA_READ)
    public MediaView get(@PathParam("id") UUID id) {
        return media.get(access.get().workspace(), id);
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.WILDCARD)
    @Requires(Permission.MEDIA_READ)
    @Operation(summary = "The file's bytes")
    public Response content(@PathParam("id") UUID id) {
        return MediaContentResponses.of(media.content(access.get().workspace(), id));
    }

    @POST
    @Path("/{id}/pull-url")
    @Requires(Permission.MEDIA_WRITE)
    @Operation(summary = "A signed URL that serves the file without a Bearer token until it expires")
    public MediaService.SignedUrl pullUrl(@PathParam("id") UUID id) {
        return media.signedUrl(access.get().workspace(), id);
    }

    @DELETE
    @Path("/{id}")
    @Requires(Permission.MEDIA_WRITE)
    public void delete(@PathParam("id") UUID id) {
        media.delete(access.get().workspace(), id);
    }
}
