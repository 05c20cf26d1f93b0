package dev.poststride.platform;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.ws.rs.core.NewCookie;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.Instant;

/**
 * Where to send the browser to grant access, and until when that link works; {@code binding} is the cookie the answer
 * sets in the browser (see {@link BrowserBinding}), not part of the body.
 */
public record ConnectStart(String authorizationUrl, String state, Instant expiresAt,
                           @JsonIgnore @Schema(hidden = true) NewCookie binding) {
}
