package dev.poststride.common;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Guards the internal endpoints a cloud cron calls ({@code /api/internal/...}) with the shared trigger secret
 * ({@code POSTSTRIDE_PUBLISHING_TRIGGER_SECRET}), sent as {@code Authorization: Bearer <secret>}.
 */
@Singleton
public class InternalTriggerGuard {

    private final Optional<String> secret;

    InternalTriggerGuard(@ConfigProperty(name = "poststride.publishing.trigger-secret") Optional<String> secret) {
        this.secret = secret.filter(s -> !s.isBlank());
    }

    /** Throws 403 when no secret is configured (the endpoints are off) and 401 for a missing or wrong one. */
    public void check(String authorization) {
        String expected = "Bearer " + secret.orElseThrow(() -> new Problems.Forbidden(
                "Internal triggers are disabled: set POSTSTRIDE_PUBLISHING_TRIGGER_SECRET to enable them."));
        if (authorization == null || !MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8),
                                                            expected.getBytes(StandardCharsets.UTF_8))) {
            throw new Problems.Unauthorized("The trigger secret is missing or wrong.");
        }
    }
}
