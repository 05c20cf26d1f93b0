package dev.poststride.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads what a client needs to know about a file from its headers, without decoding it (and without AWT, which a
 * native binary does not carry): image width and height, video duration (MP4/QuickTime {@code mvhd}).
 */
final class MediaProbe {

    record Dimensions(int width, int height) {
    }

    private static final int JPEG_SCAN_LIMIT = 4 * 1024 * 1024;

    private MediaProbe() {
    }

    static Optional<Dimensions> dimensions(Path file, String mimeType) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return switch (mimeType) {
                case "image/png" -> png(channel);
                case "image/gif" -> positive(readShort(channel, 6), readShort(channel, 8));
                case "image/bmp" -> positive(readInt(channel, 18, ByteOrder.LITTLE_ENDIAN),
                                             Math.abs(readInt(channel, 22, ByteOrder.LITTLE_ENDIAN)));
                case "image/webp" -> webp(channel);
                case "image/jpeg" -> jpeg(channel);
                default -> Optional.empty();
            };
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a header we cannot read leaves the dimensions unknown, not the upload failed
        }
    }

    /** Duration of an MP4 or QuickTime file from its movie header, if it has one. */
    static Optional<Long> durationMs(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long moov = findBox(channel, 0, channel.size(), "moov");
            if (moov < 0) {
                return Optional.empty();
            }
            long moovEnd = moov + boxSize(channel, moov);
            long mvhd = findBox(channel, moov + 8, moovEnd, "mvhd");
            if (mvhd < 0) {
                return Optional.empty();
            }
            ByteBuffer header = read(channel, mvhd + 8, 32);
            int version = header.get(0);
            long timescale = version == 1 ? header.getInt(20) & 0xFFFFFFFFL : header.getInt(12) & 0xFFFFFFFFL;
            long duration = version == 1 ? header.getLong(24) : header.getInt(16) & 0xFFFFFFFFL;
            return timescale == 0 ? Optional.empty() : Optional.of(duration * 1000 / timescale);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long findBox(FileChannel channel, long from, long to, String type) throws IOException {
        long position = from;
        while (position + 8 <= to) {
            long size = boxSize(channel, position);
            byte[] name = new byte[4];
            read(channel, position + 4, 4).get(name);
            if (new String(name, java.nio.charset.StandardCharsets.US_ASCII).equals(type)) {
                return position;
            }
            if (size < 8) {
                return -1;
            }
            position += size;
        }
        return -1;
    }

    private static long boxSize(FileChannel channel, long position) throws IOException {
        long size = read(channel, position, 4).getInt(0) & 0xFFFFFFFFL;
        if (size == 1) {
            return read(channel, position + 8, 8).getLong(0);
        }
        return size == 0 ? channel.size() - position : size;
    }

    /** The IHDR chunk, which PNG requires first, holds the size. */
    private static Optional<Dimensions> png(FileChannel channel) throws IOException {
        if (!"IHDR".equals(new String(read(channel, 12, 4).array(), StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return positive(readInt(channel, 16, ByteOrder.BIG_ENDIAN), readInt(channel, 20, ByteOrder.BIG_ENDIAN));
    }

    private static Optional<Dimensions> webp(FileChannel channel) throws IOException {
        ByteBuffer head = read(channel, 12, 18).order(ByteOrder.LITTLE_ENDIAN);
        String chunk = new String(new byte[] {head.get(0), head.get(1), head.get(2), head.get(3)},
                                  java.nio.charset.StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8 " -> positive(head.getShort(14) & 0x3FFF, head.getShort(16) & 0x3FFF);
            case "VP8L" -> {
                int bits = head.getInt(9);
                yield positive((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
            }
            case "VP8X" -> positive(uint24(head, 12) + 1, uint24(head, 15) + 1);
            default -> Optional.empty();
        };
    }

    private static Optional<Dimensions> jpeg(FileChannel channel) throws IOException {
        long position = 2;
        long limit = Math.min(channel.size(), JPEG_SCAN_LIMIT);
        while (position + 4 <= limit) {
            ByteBuffer marker = read(channel, position, 4);
            if ((marker.get(0) & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int type = marker.get(1) & 0xFF;
            int length = marker.getShort(2) & 0xFFFF;
            boolean startOfFrame = type >= 0xC0 && type <= 0xCF && type != 0xC4 && type != 0xC8 && type != 0xCC;
            if (startOfFrame) {
                ByteBuffer frame = read(channel, position + 5, 4);
                return positive(frame.getShort(2) & 0xFFFF, frame.getShort(0) & 0xFFFF);
            }
            position += 2 + length;
        }
        return Optional.empty();
    }

    private static int uint24(ByteBuffer buffer, int offset) {
        return (buffer.get(offset) & 0xFF) | (buffer.get(offset + 1) & 0xFF) << 8 | (buffer.get(offset + 2) & 0xFF) << 16;
    }

    private static int readInt(FileChannel channel, long position, ByteOrder order) throws IOException {
        return read(channel, position, 4).order(order).getInt(0);
    }

    private static int readShort(FileChannel channel, long position) throws IOException {
        return read(channel, position, 2).order(ByteOrder.LITTLE_ENDIAN).getShort(0) & 0xFFFF;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("short file");
            }
        }
        return buffer.flip();
    }

    private static Optional<Dimensions> positive(int width, int height) {
        return width > 0 && height > 0 ? Optional.of(new Dimensions(width, height)) : Optional.empty();
    }
}
