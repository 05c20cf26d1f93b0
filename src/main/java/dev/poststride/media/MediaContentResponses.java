package dev.poststride.media;

import jakarta.ws.rs.core.Response;

/** Serves stored bytes with the type detected at upload; never lets a browser guess another type. */
final class MediaContentResponses {

    private MediaContentResponses() {
    }

    static Response of(MediaService.Content content) {
        MediaView media = content.media();
        String filename = media.originalFilename() == null ? media.id().toString()
                : media.originalFilename().replaceAll("[^A-Za-z0-9._ -]", "_");
        return Response.ok(content.stream(), media.mimeType())
                .header("Content-Length", media.sizeBytes())
                .header("Content-Disposition", "inline; filename=\"" + filename + "\"")
                .header("Cache-Control", "private, max-age=300")
                .build();
    }
}
