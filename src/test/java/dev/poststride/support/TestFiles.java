package dev.poststride.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Real files of each kind, made on the fly; random pixels so no two calls give the same bytes. */
public final class TestFiles {

    private TestFiles() {
    }

    /** A PNG of random pixels: it hardly compresses (about 3 bytes a pixel). */
    public static byte[] png(int width, int height) {
        return image("png", width, height, BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] jpeg(int width, int height) {
        return image("jpg", width, height, BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] gif(int width, int height) {
        return image("gif", width, height, BufferedImage.TYPE_BYTE_INDEXED);
    }

    /**
     * A JPEG stored as a camera held sideways writes it: its left half red, its right half blue, and an Exif block
     * whose Orientation tag is {@code orientation} (6: turn a quarter clockwise to show it, so red ends on top).
     */
    public static byte[] sidewaysJpeg(int width, int height, int orientation) {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                picture.setRGB(x, y, x < width / 2 ? 0xFF0000 : 0x0000FF);
            }
        }
        byte[] jpeg = encode(picture, "jpg");
        ByteBuffer exif = ByteBuffer.allocate(2 + 2 + 6 + 8 + 2 + 12 + 4); // marker, length, Exif, TIFF, one entry
        exif.putShort((short) 0xFFE1).putShort((short) (exif.capacity() - 2))
                .put("Exif\0\0".getBytes(StandardCharsets.US_ASCII))
                .put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8) // big endian, IFD at 8
                .putShort((short) 1) // one entry
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0); // no next IFD
        int afterJfif = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF)); // SOI, then APP0 and its length
        return concat(java.util.Arrays.copyOfRange(jpeg, 0, afterJfif), exif.array(),
                      java.util.Arrays.copyOfRange(jpeg, afterJfif, jpeg.length));
    }

    /** A PNG whose header (and so its size) reads fine but whose pixel data is garbage: it never decodes. */
    public static byte[] brokenPng() {
        byte[] png = png(16, 16);
        int data = new String(png, StandardCharsets.ISO_8859_1).indexOf("IDAT") + 4;
        for (int i = data; i < Math.min(png.length - 16, data + 64); i++) {
            png[i] = (byte) 0xA5;
        }
        return png;
    }

    /** The smallest lossy WebP (1×1), as browsers' feature tests carry it. */
    public static byte[] webp() {
        return java.util.Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
    }

    /** A PNG whose valid header is followed by filler up to {@code size} bytes. */
    public static byte[] pngOfSize(int size) {
        byte[] png = png(8, 8);
        byte[] big = new byte[size];
        System.arraycopy(png, 0, big, 0, png.length);
        for (int i = png.length; i < size; i++) {
            big[i] = (byte) ThreadLocalRandom.current().nextInt();
        }
        return big;
    }

    /** A minimal MP4: an ftyp box and a moov box whose mvhd says how long the movie runs. */
    public static byte[] mp4(long durationMs) {
        ByteBuffer mvhd = ByteBuffer.allocate(108);
        mvhd.putInt(108).put("mvhd".getBytes(StandardCharsets.US_ASCII)).putInt(0) // version 0, flags
                .putInt(0).putInt(0).putInt(1000).putInt((int) durationMs).putInt(0x00010000);
        ByteBuffer moov = ByteBuffer.allocate(8 + 108);
        moov.putInt(8 + 108).put("moov".getBytes(StandardCharsets.US_ASCII)).put(mvhd.array());
        ByteBuffer ftyp = ByteBuffer.allocate(24);
        ftyp.putInt(24).put("ftypisom".getBytes(StandardCharsets.US_ASCII)).putInt(0x200)
                .put("isomiso2".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer free = ByteBuffer.allocate(24);
        free.putInt(24).put("free".getBytes(StandardCharsets.US_ASCII)).putLong(ThreadLocalRandom.current().nextLong());
        return ByteBuffer.allocate(24 + 24 + 116).put(ftyp.array()).put(free.array()).put(moov.array()).array();
    }

    /**
     * An MP4 whose movie holds one video track as a camera or an editor writes it: {@code codec} in the sample entry,
     * the display size in {@code tkhd}, and {@code fps} as the track's timescale over its sample duration (30000 /
     * 1001 for 29.97), then a small media data box.
     */
    public static byte[] mp4Video(long durationMs, String codec, int width, int height, double fps) {
        byte[] mvhd = box("mvhd", ByteBuffer.allocate(100).putInt(0).putInt(0).putInt(0).putInt(1000)
                .putInt((int) durationMs).putInt(0x00010000).array());
        ByteBuffer tkhd = ByteBuffer.allocate(84).putInt(0x00000003).putInt(0).putInt(0).putInt(1).putInt(0)
                .putInt((int) durationMs).putLong(0).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0);
        for (int m : new int[] {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000}) {
            tkhd.putInt(m);
        }
        tkhd.putInt(width << 16).putInt(height << 16);
        boolean whole = fps == Math.rint(fps);
        int timescale = whole ? (int) fps * 1000 : (int) Math.round(fps * 1001);
        int delta = whole ? 1000 : 1001;
        byte[] mdhd = box("mdhd", ByteBuffer.allocate(24).putInt(0).putInt(0).putInt(0).putInt(timescale)
                .putInt((int) (durationMs * timescale / 1000)).putShort((short) 0x55c4).putShort((short) 0).array());
        byte[] hdlr = box("hdlr", ByteBuffer.allocate(25).putInt(0).putInt(0)
                .put("vide".getBytes(StandardCharsets.US_ASCII)).put(new byte[13]).array());
        byte[] stsd = box("stsd", ByteBuffer.allocate(24).putInt(0).putInt(1).putInt(16)
                .put(codec.getBytes(StandardCharsets.US_ASCII)).put(new byte[6]).putShort((short) 1).array());
        byte[] stts = box("stts", ByteBuffer.allocate(16).putInt(0).putInt(1)
                .putInt((int) Math.max(1, durationMs * fps / 1000)).putInt(delta).array());
        byte[] trak = box("trak", box("tkhd", tkhd.array()),
                          box("mdia", mdhd, hdlr, box("minf", box("stbl", stsd, stts))));
        byte[] ftyp = box("ftyp", "isom\0\0\2\0isomiso2avc1".getBytes(StandardCharsets.US_ASCII));
        byte[] mdat = new byte[256];
        ThreadLocalRandom.current().nextBytes(mdat);
        return concat(ftyp, box("moov", mvhd, trak), box("mdat", mdat));
    }

    private static byte[] box(String type, byte[]... children) {
        byte[] content = concat(children);
        return ByteBuffer.allocate(8 + content.length).putInt(8 + content.length)
                .put(type.getBytes(StandardCharsets.US_ASCII)).put(content).array();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer joined = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            joined.put(part);
        }
        return joined.array();
    }

    /**
     * An MP4 of {@code size} bytes laid out as cameras write it, media data first and the movie header at the end
     * (not "fast start"): a reader must go through all of it to learn the duration.
     */
    public static byte[] mp4OfSize(long durationMs, int size) {
        byte[] small = mp4(durationMs); // ftyp (24), free (24), moov (116)
        int mdat = size - small.length;
        ByteBuffer file = ByteBuffer.allocate(size);
        file.put(small, 0, 48).putInt(mdat).put("mdat".getBytes(StandardCharsets.US_ASCII));
        byte[] payload = new byte[mdat - 8];
        ThreadLocalRandom.current().nextBytes(payload);
        return file.put(payload).put(small, 48, small.length - 48).array();
    }

    /** A Word document's package: content types, relationships and a 100 KB main part (random, so it is big). */
    public static byte[] docx() {
        return officeZip("word/document.xml");
    }

    public static byte[] pptx() {
        return officeZip("ppt/presentation.xml");
    }

    /** An Excel workbook: an Office package, but not one LinkedIn publishes. */
    public static byte[] xlsx() {
        return officeZip("xl/workbook.xml");
    }

    /**
     * An Office Open XML package as Office writes it (ZipOutputStream deflates with data descriptors, so entries can
     * only be told apart by the central directory at the end). {@code mainPart} null: a ZIP of notes, not Office.
     */
    public static byte[] officeZip(String mainPart) {
        byte[] filler = new byte[100_000];
        ThreadLocalRandom.current().nextBytes(filler);
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (mainPart != null) {
                entry(zip, "[Content_Types].xml", text("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas"
                                                       + ".openxmlformats.org/package/2006/content-types\"/>"));
                entry(zip, "_rels/.rels", text("<Relationships/>"));
            }
            entry(zip, mainPart != null ? mainPart : "notes/readme.txt", filler);
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * The start of an OLE2 compound file (a Word 97-2003 or PowerPoint 97-2003 file): its signature, a header sector,
     * and a directory sector naming the root and {@code stream} (UTF-16LE, 128-byte entries), then random sectors.
     */
    public static byte[] ole2(String stream) {
        ByteBuffer file = ByteBuffer.allocate(512 * 12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
        file.position(512);
        directoryEntry(file, "Root Entry", 5);
        directoryEntry(file, stream, 2);
        byte[] sectors = new byte[512 * 10];
        ThreadLocalRandom.current().nextBytes(sectors);
        file.position(512 * 2);
        return file.put(sectors).array();
    }

    private static void directoryEntry(ByteBuffer file, String name, int type) {
        int start = file.position();
        byte[] utf16 = name.getBytes(StandardCharsets.UTF_16LE);
        file.put(utf16).position(start + 64);
        file.putShort((short) (utf16.length + 2)).put((byte) type);
        file.position(start + 128);
    }

    public static byte[] text(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] image(String format, int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return encode(image, format);
    }

    private static byte[] encode(BufferedImage image, String format) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
