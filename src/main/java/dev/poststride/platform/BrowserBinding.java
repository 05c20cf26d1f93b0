package dev.poststride.platform;

import dev.poststride.common.Sha256;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a connect flow to the browser that started it, against login CSRF on the callback: the connect call sets an
 * HttpOnly, SameSite=Lax cookie holding a random value, the flow keeps the value's hash, and the callback must bring
 * the cookie back (a platform redirect is a top-level navigation, so Lax cookies are sent). Each flow has its own
 * cookie name, so flows started in several tabs do not displace one another. A front end that cannot keep cookies
 * for this server passes the callback on itself with the user's Bearer token instead.
 */
final class BrowserBinding {

    static final String COOKIE_PREFIX = "poststride_connect_";
    static final String PATH = "/api/platforms";

    private BrowserBinding() {
    }

    /** The cookie's name for a flow: derived from the state's hash, so it tells nothing about the state. */
    static String cookieName(String stateHash) {
        return COOKIE_PREFIX + stateHash.substring(0, 16);
    }

    static String hash(String value) {
        return Sha256.hex(value);
    }

    static NewCookie set(String stateHash, String value, Duration ttl, boolean secure) {
        return cookie(stateHash, value, (int) ttl.toSeconds(), secure);
    }

    static NewCookie clear(String stateHash, boolean secure) {
        return cookie(stateHash, "", 0, secure);
    }

    /** Whether {@code cookies} hold the value whose hash the flow keeps. */
    static boolean matches(OAuthState flow, Map<String, Cookie> cookies) {
        return flow.browserBindingHash != null
               && Optional.ofNullable(cookies.get(cookieName(flow.stateHash)))
                       .map(c -> MessageDigest.isEqual(hash(c.getValue()).getBytes(StandardCharsets.US_ASCII),
                                                       flow.browserBindingHash.getBytes(StandardCharsets.US_ASCII)))
                       .orElse(false);
    }

    private static NewCookie cookie(String stateHash, String value, int maxAge, boolean secure) {
        return new NewCookie.Builder(cookieName(stateHash)).value(value).path(PATH).maxAge(maxAge).httpOnly(true)
                .secure(secure).sameSite(NewCookie.SameSite.LAX).build();
    }
}
