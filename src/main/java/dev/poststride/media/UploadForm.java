package dev.poststride.media;

import dev.poststride.common.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.RequestContext;

/**
 * A {@code multipart/form-data} body read part by part as it arrives (Apache Commons FileUpload's streaming API), so
 * a file part streams straight on to storage: nothing is buffered whole, in memory or on a temporary disk (which a
 * serverless instance may not have). A body that breaks the format is a 400.
 */
final class UploadForm {

    /** What a text field may hold; more is refused rather than read. */
    private static final int MAX_FIELD_BYTES = 16 * 1024;
    private static final int MAX_PARTS = 16;

    /** One part of the form, readable once, before asking for the next. */
    record Part(String name, String filename, InputStream content) {

        /** The part as text, for small fields such as {@code alt_text}. */
        String text() {
            try {
                byte[] bytes = content.readNBytes(MAX_FIELD_BYTES + 1);
                if (bytes.length > MAX_FIELD_BYTES) {
                    throw new Problems.Invalid(name, "is too long");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw malformed(e);
            }
        }
    }

    /** FileUpload refuses a name with a NUL in it (a classic way to cut "a.png\0.exe" short) by throwing. */
    private static String filename(FileItemInput part) {
        try {
            return part.getName();
        } catch (InvalidPathException nul) {
            throw new Problems.Invalid("filename", "must not contain the NUL character (\\u0000)");
        }
    }

    private final FileItemInputIterator parts;
    private int seen;

    private UploadForm(FileItemInputIterator parts) {
        this.parts = parts;
    }

    static UploadForm read(String contentType, InputStream body) {
        try {
            return new UploadForm(new Parser().getItemIterator(new Body(contentType, body)));
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /**
     * The next part, after skipping whatever of the previous one was not read; {@code null} after the last. A body
     * without any part is malformed: empty, cut off before its first boundary, or not of this boundary at all.
     */
    Part next() {
        try {
            if (!parts.hasNext()) {
                if (seen == 0) {
                    throw malformed(null);
                }
                return null;
            }
            if (++seen > MAX_PARTS) {
                throw new Problems.Invalid("file", "a media upload takes at most " + MAX_PARTS + " parts");
            }
            FileItemInput part = parts.next();
            return new Part(part.getFieldName(), filename(part), part.getInputStream());
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** 400: the body is not the multipart/form-data it claims to be (truncated, no closing boundary, bad headers). */
    static Problems.MalformedBody malformed(Exception cause) {
        return new Problems.MalformedBody("The multipart/form-data body is incomplete or malformed (it must end with"
                                          + " its closing boundary).");
    }

    /** The request as Commons FileUpload reads it. */
    private record Body(String contentType, InputStream body) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }

    /** Only the streaming iterator is used; the calls that would collect parts in memory or on disk are refused. */
    private static final class Parser extends AbstractFileUpload<Body, DiskFileItem, DiskFileItemFactory> {

        @Override
        public FileItemInputIterator getItemIterator(Body body) throws IOException {
            return super.getItemIterator((RequestContext) body);
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(Body body) {
            throw new UnsupportedOperationException("uploads are streamed");
        }

        @Override
        public List<DiskFileItem> parseRequest(Body body) {
            throw new UnsupportedOperationException("uploads are streamed");
        }
    }
}
