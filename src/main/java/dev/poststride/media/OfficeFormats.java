package dev.poststride.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Tells Word and PowerPoint files apart from other files in the same containers, which their first bytes cannot do:
 * DOCX and PPTX are ZIP files (so are XLSX, JAR and any ZIP), DOC and PPT are OLE2 compound files (so are XLS and
 * MSI). What each holds shows in the names of its parts, and those names are stored as plain bytes: a ZIP lists every
 * entry's name in its central directory at the end (uncompressed, even where entries were written with data
 * descriptors and cannot be skipped without inflating them), an OLE2 file names its streams in UTF-16 in its
 * directory. So the whole upload is read once, as it streams to storage, looking for those names.
 */
final class OfficeFormats {

    /** What {@link FileSniffer} calls a file starting like a ZIP, until its parts say more. */
    static final String ZIP = "application/zip";
    /** What {@link FileSniffer} calls a file starting like an OLE2 compound file, until its streams say more. */
    static final String OLE2 = "application/x-ole-storage";

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    static final String DOC = "application/msword";
    static final String PPT = "application/vnd.ms-powerpoint";

    /** Every Office Open XML package has this part; its main part tells the application. */
    private static final byte[] CONTENT_TYPES = ascii("[Content_Types].xml");
    private static final byte[] WORD_MAIN = ascii("word/document.xml");
    private static final byte[] POWERPOINT_MAIN = ascii("ppt/presentation.xml");
    /** The stream a Word 97-2003 file keeps its text in, as its directory names it. */
    private static final byte[] WORD_STREAM = utf16("WordDocument");
    private static final byte[] POWERPOINT_STREAM = utf16("PowerPoint Document");

    private static final int CHUNK = 64 * 1024;

    private OfficeFormats() {
    }

    static boolean isContainer(String mimeType) {
        return ZIP.equals(mimeType) || OLE2.equals(mimeType);
    }

    /** How the file's kind is named in messages: "a ZIP file", "an OLE2 compound file". */
    static String containerName(String mimeType) {
        return ZIP.equals(mimeType) ? "a ZIP file" : "an OLE2 compound file";
    }

    /**
     * Reads {@code in} to its end and answers the Office type the container holds, or nothing when it is none of
     * DOCX, PPTX, DOC and PPT (or claims to be two of them).
     */
    static Optional<String> identify(InputStream in, String container) throws IOException {
        List<byte[]> markers = ZIP.equals(container)
                ? List.of(CONTENT_TYPES, WORD_MAIN, POWERPOINT_MAIN)
                : List.of(WORD_STREAM, POWERPOINT_STREAM);
        boolean[] found = scan(in, markers);
        if (ZIP.equals(container)) {
            return found[0] && found[1] != found[2] ? Optional.of(found[1] ? DOCX : PPTX) : Optional.empty();
        }
        return found[0] != found[1] ? Optional.of(found[0] ? DOC : PPT) : Optional.empty();
    }

    /** Which of {@code markers} occur in the stream; a marker may straddle two reads. */
    private static boolean[] scan(InputStream in, List<byte[]> markers) throws IOException {
        int overlap = markers.stream().mapToInt(m -> m.length).max().orElse(1) - 1;
        boolean[] found = new boolean[markers.size()];
        byte[] window = new byte[overlap + CHUNK];
        int kept = 0;
        int n;
        while ((n = in.readNBytes(window, kept, CHUNK)) > 0) {
            int filled = kept + n;
            for (int i = 0; i < markers.size(); i++) {
                found[i] = found[i] || indexOf(window, filled, markers.get(i)) >= 0;
            }
            kept = Math.min(overlap, filled);
            System.arraycopy(window, filled - kept, window, 0, kept);
        }
        return found;
    }

    private static int indexOf(byte[] data, int length, byte[] marker) {
        byte first = marker[0];
        for (int i = 0, last = length - marker.length; i <= last; i++) {
            if (data[i] == first && Arrays.equals(data, i, i + marker.length, marker, 0, marker.length)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf16(String text) {
        return text.getBytes(StandardCharsets.UTF_16LE);
    }
}
