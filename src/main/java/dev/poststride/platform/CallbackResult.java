package dev.poststride.platform;

import java.util.List;
import java.util.Optional;

/**
 * How a platform callback ended: the connections it stored, or the platform's error code; and where the browser
 * goes next ({@code redirectUri} from the connect call), if anywhere.
 */
public record CallbackResult(List<ConnectionView> connections, Optional<String> error,
                             Optional<String> redirectUri) {
}
