package dev.poststride.media;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads what a client needs to know about a file from its headers, without decoding it: image width and height (and
 * a JPEG's EXIF orientation, which says how to turn the stored pixels to show them upright); for MP4/QuickTime the duration ({@code mvhd}) and the first
 * video track's codec, size and frame rate. It reads the
 * upload front to back as it streams to storage and never seeks, so it works on a stream of any length and keeps
 * no more than a header in memory.
 */
final class MediaProbe {

    /** What the headers said; absent values were not found (or the format has none). */
    record Probed(Optional<Dimensions> dimensions, Optional<Long> durationMs, Optional<VideoTrack> video) {
        static final Probed NOTHING = new Probed(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * A video track as its MP4/QuickTime headers describe it: the sample entry's four-character codec code
     * ({@code avc1} H.264, {@code hvc1}/{@code hev1} H.265, {@code vp09} VP9, ...), the display size from
     * {@code tkhd}, and the frame rate from the first {@code stts} entry and the track's {@code mdhd} timescale
     * (null when the track does not say).
     */
    record VideoTrack(String codec, int width, int height, Double frameRate) {
    }

    /**
     * The stored pixels' size, and the EXIF orientation (1 = as stored; 2-8 = mirrored and/or turned, 5-8 with
     * width and height swapped when shown).
     */
    record Dimensions(int width, int height, int orientation) {
        Dimensions(int width, int height) {
            this(width, height, 1);
        }
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
                case "video/mp4", "video/quicktime", "audio/mp4" -> mp4(in);
                default -> Probed.NOTHING;
            };
        } catch (EOFException shortFile) {
            return Probed.NOTHING; // a header we cannot read leaves the facts unknown, not the upload failed
        }
    }

    private static Probed dimensions(Optional<Dimensions> dimensions) {
        return new Probed(dimensions, Optional.empty(), Optional.empty());
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
        int orientation = 1;
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
                int turned = orientation;
                return positive(frame.getShort(3) & 0xFFFF, frame.getShort(1) & 0xFFFF)
                        .map(d -> new Dimensions(d.width(), d.height(), turned));
            }
            if (length < 2) {
                return Optional.empty();
            }
            if (type == 0xE1) { // APP1: Exif, where cameras say how they were held
                orientation = exifOrientation(ByteBuffer.wrap(in.readNBytes(length - 2)));
            } else {
                in.skipNBytes(length - 2L);
            }
            position += 2L + length;
        }
        return Optional.empty();
    }

    /**
     * The Orientation tag (0x0112) of an Exif segment's first IFD, or 1 when the segment is not Exif, has no such tag
     * or says something out of range. The TIFF header inside says the byte order.
     */
    static int exifOrientation(ByteBuffer segment) {
        try {
            if (segment.remaining() < 14 || segment.getInt(0) != 0x45786966 || segment.getShort(4) != 0) { // "Exif\0\0"
                return 1;
            }
            ByteBuffer tiff = segment.position(6).slice();
            tiff.order(tiff.getShort(0) == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN); // "II" or "MM"
            int ifd = tiff.getInt(4);
            int entries = tiff.getShort(ifd) & 0xFFFF;
            for (int i = 0; i < entries; i++) {
                int entry = ifd + 2 + 12 * i;
                if ((tiff.getShort(entry) & 0xFFFF) == 0x0112) {
                    int value = tiff.getShort(entry + 8) & 0xFFFF;
                    return value >= 1 && value <= 8 ? value : 1;
                }
            }
            return 1;
        } catch (IndexOutOfBoundsException | IllegalArgumentException malformed) {
            return 1; // a damaged Exif block says nothing we can trust
        }
    }

    /** Boxes whose children are read; every other box is skipped whole. */
    private static final java.util.Set<String> CONTAINERS = java.util.Set.of("trak", "mdia", "minf", "stbl");

    /**
     * The movie header's duration and the first video track: the top-level boxes are skipped up to {@code moov},
     * whose tree is then walked forward, reading only the few leaf boxes that hold the facts.
     */
    private static Probed mp4(InputStream in) throws IOException {
        while (true) {
            Box box = Box.read(in);
            if (box.type().equals("moov")) {
                Movie movie = new Movie();
                walk(in, box.contentSize(), movie, null);
                return new Probed(movie.video().map(v -> new Dimensions(v.width(), v.height())), movie.durationMs,
                                  movie.video());
            }
            if (box.contentSize() < 0) {
                return Probed.NOTHING;
            }
            in.skipNBytes(box.contentSize());
        }
    }

    /** What the walk found: the duration, and each track as far as it was read. */
    private static final class Movie {
        Optional<Long> durationMs = Optional.empty();
        final java.util.List<Track> tracks = new java.util.ArrayList<>();

        Optional<VideoTrack> video() {
            return tracks.stream().filter(t -> "vide".equals(t.handler) && t.codec != null && t.width > 0
                                               && t.height > 0).findFirst()
                    .map(t -> new VideoTrack(t.codec, t.width, t.height, t.frameRate()));
        }
    }

    private static final class Track {
        String handler;
        String codec;
        int width;
        int height;
        long timescale;
        long sampleDelta;

        Double frameRate() {
            return timescale > 0 && sampleDelta > 0 ? Math.round(timescale * 1000.0 / sampleDelta) / 1000.0 : null;
        }
    }

    /** Reads the boxes within {@code remaining} bytes of a container; {@code track} is the one they belong to. */
    private static void walk(InputStream in, long remaining, Movie movie, Track track) throws IOException {
        while (remaining >= 8) {
            Box box = Box.read(in);
            long content = box.contentSize();
            if (content < 0) {
                throw new EOFException("a box without a size inside the movie header");
            }
            remaining -= box.size();
            if (CONTAINERS.contains(box.type())) {
                Track into = track;
                if (box.type().equals("trak")) {
                    into = new Track();
                    movie.tracks.add(into);
                }
                walk(in, content, movie, into);
                continue;
            }
            int needed = switch (box.type()) {
                case "mvhd" -> 32;
                case "tkhd", "stsd", "stts" -> track == null ? 0 : 96;
                case "mdhd" -> track == null ? 0 : 32;
                case "hdlr" -> track == null ? 0 : 12;
                default -> 0;
            };
            int read = (int) Math.min(needed, content);
            ByteBuffer leaf = read == 0 ? null : head(in, read, ByteOrder.BIG_ENDIAN);
            in.skipNBytes(content - read);
            if (leaf != null) {
                read(box.type(), leaf, movie, track);
            }
        }
    }

    private static void read(String type, ByteBuffer leaf, Movie movie, Track track) {
        int version = leaf.get(0);
        switch (type) {
            case "mvhd" -> movie.durationMs = mvhd(leaf);
            case "tkhd" -> {
                int at = version == 1 ? 88 : 76; // width and height, 16.16 fixed point, end the box
                if (leaf.limit() >= at + 8) {
                    track.width = leaf.getInt(at) >>> 16;
                    track.height = leaf.getInt(at + 4) >>> 16;
                }
            }
            case "mdhd" -> track.timescale = (version == 1 ? leaf.getInt(20) : leaf.getInt(12)) & 0xFFFFFFFFL;
            case "hdlr" -> track.handler = ascii(leaf, 8);
            case "stsd" -> {
                String format = leaf.limit() >= 16 && leaf.getInt(4) > 0 ? ascii(leaf, 12) : "";
                if (format.matches("[A-Za-z0-9. ]{4}")) { // a four-character code, not stray bytes
                    track.codec = format;
                }
            }
            case "stts" -> {
                if (leaf.limit() >= 16 && leaf.getInt(4) > 0) {
                    track.sampleDelta = leaf.getInt(12) & 0xFFFFFFFFL;
                }
            }
            default -> { }
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
