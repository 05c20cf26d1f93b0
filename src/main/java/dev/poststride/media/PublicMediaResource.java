package dev.poststride.media;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Signed pull URLs: how Instagram and TikTok fetch a post's media. No Bearer token; the signature is the key. */
@Path("/api/public/media/{id}")
@Tag(name = "Media")
public class PublicMediaResource {

    private final MediaService media;
    private final MediaRenditions renditions;

    PublicMediaResource(MediaService media, MediaRenditions renditions) {
        this.media = media;
        this.renditions = renditions;
    }

    @GET
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The file behind a signed URL; 403 when the signature is wrong or expired")
    public Response content(@PathParam("id") UUID id, @QueryParam("expires") long expires,
                            @QueryParam("signature") String signature) {
        return MediaContentResponses.of(media.signedContent(id, expires, signature));
    }

    @GET
    @Path("/fitted/{rendition}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "A copy of the file made to fit a platform (a JPEG), behind a signed URL; 403 when the"
                         + " signature is wrong or expired")
    public Response fitted(@PathParam("id") UUID id, @PathParam("rendition") UUID rendition,
                           @QueryParam("expires") long expires, @QueryParam("signature") String signature) {
        return MediaContentResponses.of(renditions.signedContent(id, rendition, expires, signature));
    }
}
