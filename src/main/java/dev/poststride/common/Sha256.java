package dev.poststride.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of text: refresh-token and OAuth-state lookups, request fingerprints, password prehashing. */
public final class Sha256 {

    private Sha256() {
    }

    /** The digest as 64 lower-case hex characters, the form stored in the database. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(of(text));
    }

    public static byte[] of(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
