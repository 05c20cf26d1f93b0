package dev.poststride.media;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads what a client needs to know about a file from its headers, without decoding it (and without AWT, which a
 * native binary does not carry): image width and height, video duration (MP4/QuickTime {@code mvhd}). It reads the
 * upload front to back as it streams to storage and never seeks, so it works on a stream of any length and keeps
 * no more than a header in memory.
 */
final class MediaProbe {

    /** What the headers said; absent values were not found (or the format has none). */
    record Probed(Optional<Dimensions> dimensions, Optional<Long> durationMs) {
        static final Probed NOTHING = new Probed(Optional.empty(), Optional.empty());
    }

    record Dimensions(int width, int height) {
    }

    private static final long JPEG_SCAN_LIMIT = 4 * 1024 * 1024;

    private MediaProbe() {
    }

    /**
     * Reads {@code in} from the file's first byte as far as the headers need. A file that ends before its headers
     * yields nothing; a stream that fails (a body cut off) throws.
     */
    static Probed probe(InputStream in, String mimeType) throws IOException {
        try {
            return switch (mimeType) {
                case "image/png" -> dimensions(png(in));
                case "image/gif" -> {
                    ByteBuffer head = head(in, 10, ByteOrder.LITTLE_ENDIAN);
                    yield dimensions(positive(head.getShort(6) & 0xFFFF, head.getShort(8) & 0xFFFF));
                }
                case "image/bmp" -> {
                    ByteBuffer head = head(in, 26, ByteOrder.LITTLE_ENDIAN);
                    yield dimensions(positive(head.getInt(18), Math.abs(head.getInt(22))));
                }
                case "image/webp" -> dimensions(webp(in));
                case "image/jpeg" -> dimensions(jpeg(in));
                case "video/mp4", "video/quicktime", "audio/mp4" -> new Probed(Optional.empty(), mp4Duration(in));
                default -> Probed.NOTHING;
            };
        } catch (EOFException shortFile) {
            return Probed.NOTHING; // a header we cannot read leaves the facts unknown, not the upload failed
        }
    }

    private static Probed dimensions(Optional<Dimensions> dimensions) {
        return new Probed(dimensions, Optional.empty());
    }

    /** The IHDR chunk, which PNG requires first, holds the size. */
    private static Optional<Dimensions> png(InputStream in) throws IOException {
        ByteBuffer head = head(in, 24, ByteOrder.BIG_ENDIAN);
        if (!"IHDR".equals(ascii(head, 12))) {
            return Optional.empty();
        }
        return positive(head.getInt(16), head.getInt(20));
    }

    private static Optional<Dimensions> webp(InputStream in) throws IOException {
        ByteBuffer head = head(in, 30, ByteOrder.LITTLE_ENDIAN);
        return switch (ascii(head, 12)) {
            case "VP8 " -> positive(head.getShort(26) & 0x3FFF, head.getShort(28) & 0x3FFF);
            case "VP8L" -> {
                int bits = head.getInt(21);
                yield positive((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
            }
            case "VP8X" -> positive(uint24(head, 24) + 1, uint24(head, 27) + 1);
            default -> Optional.empty();
        };
    }

    /** Walks the markers, skipping each segment, up to the start of frame that holds the size. */
    private static Optional<Dimensions> jpeg(InputStream in) throws IOException {
        in.skipNBytes(2); // start of image
        long position = 2;
        while (position + 4 <= JPEG_SCAN_LIMIT) {
            ByteBuffer marker = head(in, 4, ByteOrder.BIG_ENDIAN);
            if ((marker.get(0) & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int type = marker.get(1) & 0xFF;
            int length = marker.getShort(2) & 0xFFFF;
            boolean startOfFrame = type >= 0xC0 && type <= 0xCF && type != 0xC4 && type != 0xC8 && type != 0xCC;
            if (startOfFrame) {
                ByteBuffer frame = head(in, 5, ByteOrder.BIG_ENDIAN); // precision, height, width
                return positive(frame.getShort(3) & 0xFFFF, frame.getShort(1) & 0xFFFF);
            }
            if (length < 2) {
                return Optional.empty();
            }
            in.skipNBytes(length - 2L);
            position += 2L + length;
        }
        return Optional.empty();
    }

    /** Duration from the movie header: the top-level boxes are skipped up to {@code moov}, then its {@code mvhd}. */
    private static Optional<Long> mp4Duration(InputStream in) throws IOException {
        while (true) {
            Box box = Box.read(in);
            if (box.type().equals("moov")) {
                long remaining = box.contentSize();
                while (remaining >= 8) {
                    Box child = Box.read(in);
                    if (child.type().equals("mvhd")) {
                        return mvhd(head(in, 32, ByteOrder.BIG_ENDIAN));
                    }
                    if (child.contentSize() < 0) {
                        return Optional.empty();
                    }
                    in.skipNBytes(child.contentSize());
                    remaining -= child.size();
                }
                return Optional.empty();
            }
            if (box.contentSize() < 0) {
                return Optional.empty();
            }
            in.skipNBytes(box.contentSize());
        }
    }

    private static Optional<Long> mvhd(ByteBuffer header) {
        int version = header.get(0);
        long timescale = version == 1 ? header.getInt(20) & 0xFFFFFFFFL : header.getInt(12) & 0xFFFFFFFFL;
        long duration = version == 1 ? header.getLong(24) : header.getInt(16) & 0xFFFFFFFFL;
        return timescale == 0 ? Optional.empty() : Optional.of(duration * 1000 / timescale);
    }

    /**
     * An ISO base media box header. {@code size} 0 means "to the end of the file", which a forward-only reader cannot
     * know: its content size is then unknown (negative) unless it is the box sought.
     */
    private record Box(String type, long size, int headerSize) {

        static Box read(InputStream in) throws IOException {
            ByteBuffer header = head(in, 8, ByteOrder.BIG_ENDIAN);
            long size = header.getInt(0) & 0xFFFFFFFFL;
            String type = ascii(header, 4);
            if (size == 1) {
                return new Box(type, head(in, 8, ByteOrder.BIG_ENDIAN).getLong(0), 16);
            }
            return new Box(type, size == 0 ? Long.MAX_VALUE : size, 8);
        }

        long contentSize() {
            return size == Long.MAX_VALUE || size < headerSize ? -1 : size - headerSize;
        }
    }

    private static ByteBuffer head(InputStream in, int length, ByteOrder order) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the file ends within its header");
        }
        return ByteBuffer.wrap(bytes).order(order);
    }

    private static String ascii(ByteBuffer buffer, int offset) {
        byte[] name = new byte[4];
        buffer.get(offset, name);
        return new String(name, StandardCharsets.US_ASCII);
    }

    private static int uint24(ByteBuffer buffer, int offset) {
        return (buffer.get(offset) & 0xFF) | (buffer.get(offset + 1) & 0xFF) << 8 | (buffer.get(offset + 2) & 0xFF) << 16;
    }

    private static Optional<Dimensions> positive(int width, int height) {
        return width > 0 && height > 0 ? Optional.of(new Dimensions(width, height)) : Optional.empty();
    }
}
