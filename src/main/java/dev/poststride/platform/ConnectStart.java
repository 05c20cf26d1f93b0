package dev.poststride.platform;

import java.time.Instant;

/** Where to send the browser to grant access, and until when that link works. */
public record ConnectStart(String authorizationUrl, String state, Instant expiresAt) {
}
