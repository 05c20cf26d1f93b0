package dev.poststride.platform;

import dev.poststride.platforms.PlatformOAuth;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * A connection as the API shows it: never a token. {@code flow} is the connect flow it came from where its platform
 * has several ({@link PlatformOAuth#flowName()}), else null. Registered for reflection because the callback returns it
 * inside a {@code Response}, which the native build cannot see through.
 */
@RegisterForReflection
public record ConnectionView(UUID id, String platform, String accountId, String accountName, String status,
                             String scopes, Instant tokenExpiresAt, Instant connectedAt, Instant updatedAt,
                             String flow) {

    /** {@code flow}: the connect flow the connection came from ({@code c.authFlow}'s). */
    static ConnectionView of(PlatformConnection c, PlatformOAuth flow) {
        return new ConnectionView(c.id, flow.platform().key(), c.accountId, c.accountName, c.status, c.scopes,
                                  c.tokenExpiresAt, c.connectedAt, c.updatedAt, flow.flowName());
    }
}
