package dev.poststride.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decides a file's kind and MIME type from its first bytes (magic numbers), never from the client's Content-Type or
 * file name: a text file renamed {@code .png} is not an image. ZIP and OLE2 files are only candidates here; their
 * parts decide whether they are Word or PowerPoint documents ({@link OfficeFormats}).
 */
final class FileSniffer {

    /** How many leading bytes {@link #detect} looks at. */
    static final int HEAD_BYTES = 64;

    record Detected(MediaType type, String mimeType) {
    }

    private FileSniffer() {
    }

    static Optional<Detected> detect(byte[] head) {
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return found(MediaType.IMAGE, "image/jpeg");
        }
        if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return found(MediaType.IMAGE, "image/png");
        }
        if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) {
            return found(MediaType.GIF, "image/gif");
        }
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
            return found(MediaType.IMAGE, "image/webp");
        }
        if (ascii(head, 0, "BM") && head.length >= 26) {
            return found(MediaType.IMAGE, "image/bmp");
        }
        if (startsWith(head, 'I', 'I', 0x2A, 0x00) || startsWith(head, 'M', 'M', 0x00, 0x2A)) {
            return found(MediaType.IMAGE, "image/tiff");
        }
        if (ascii(head, 4, "ftyp")) {
            String brand = new String(Arrays.copyOfRange(head, 8, Math.min(12, head.length)), StandardCharsets.US_ASCII);
            return switch (brand) {
                case "qt  " -> found(MediaType.VIDEO, "video/quicktime");
                case "M4A ", "M4B " -> found(MediaType.AUDIO, "audio/mp4");
                case "heic", "heix", "mif1" -> found(MediaType.IMAGE, "image/heic");
                default -> found(MediaType.VIDEO, "video/mp4");
            };
        }
        if (startsWith(head, 0x1A, 0x45, 0xDF, 0xA3)) {
            return found(MediaType.VIDEO, "video/webm");
        }
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "AVI ")) {
            return found(MediaType.VIDEO, "video/x-msvideo");
        }
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) {
            return found(MediaType.AUDIO, "audio/wav");
        }
        if (ascii(head, 0, "ID3") || startsWith(head, 0xFF, 0xFB) || startsWith(head, 0xFF, 0xF3)
            || startsWith(head, 0xFF, 0xF2)) {
            return found(MediaType.AUDIO, "audio/mpeg");
        }
        if (ascii(head, 0, "OggS")) {
            return found(MediaType.AUDIO, "audio/ogg");
        }
        if (ascii(head, 0, "fLaC")) {
            return found(MediaType.AUDIO, "audio/flac");
        }
        if (ascii(head, 0, "%PDF-")) {
            return found(MediaType.DOCUMENT, "application/pdf");
        }
        if (startsWith(head, 'P', 'K', 0x03, 0x04)) {
            return found(MediaType.DOCUMENT, OfficeFormats.ZIP); // DOCX or PPTX, if its parts say so
        }
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return found(MediaType.DOCUMENT, OfficeFormats.OLE2); // DOC or PPT, if its streams say so
        }
        return Optional.empty();
    }

    private static Optional<Detected> found(MediaType type, String mime) {
        return Optional.of(new Detected(type, mime));
    }

    private static boolean startsWith(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] head, int offset, String text) {
        byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
        if (head.length < offset + expected.length) {
            return false;
        }
        return Arrays.equals(head, offset, offset + expected.length, expected, 0, expected.length);
    }
}
