package dev.poststride.media;

/** What a file is, decided from its bytes. */
public enum MediaType {
    IMAGE, VIDEO, GIF, AUDIO, DOCUMENT;

    public String key() {
        return name().toLowerCase();
    }
}
