package dev.poststride.platform;

import dev.poststride.common.crypto.TokenVault;
import dev.poststride.common.work.RowLease;
import dev.poststride.platform.oauth.PlatformOAuths;
import dev.poststride.platforms.OAuthFailure;
import dev.poststride.platforms.PlatformOAuth;
import dev.poststride.platforms.StoredGrant;
import dev.poststride.platforms.TokenSet;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Refreshes one connection's tokens. The refresh is claimed in the database like a lease (owner + expiry), so one
 * refresh runs per connection across all instances: rotating refresh tokens (X, TikTok) die when used twice. The
 * platform is called with no transaction open; the new tokens are stored in a new one.
 */
@ApplicationScoped
public class TokenRefresher {

    private static final Logger LOG = Logger.getLogger(TokenRefresher.class);
    private static final Duration WAIT_STEP = Duration.ofMillis(100);
    /** One refresh per connection at a time, across instances. */
    private static final RowLease REFRESH_LEASE = new RowLease("user_platforms", "refresh_lease_owner",
                                                               "refresh_lease_until");

    private final PlatformEndpoints endpoints;
    private final PlatformOAuths oauths;
    private final TokenVault vault;
    private final TokenRefreshConfig config;
    private final Clock clock;

    private final ConnectionStates states;

    TokenRefresher(PlatformEndpoints endpoints, PlatformOAuths oauths, TokenVault vault, TokenRefreshConfig config,
                   ConnectionStates states, Clock clock) {
        this.states = states;
        this.endpoints = endpoints;
        this.oauths = oauths;
        this.vault = vault;
        this.config = config;
        this.clock = clock;
    }

    /** One refresh attempt; returns at once with {@link RefreshOutcome#IN_PROGRESS_ELSEWHERE} if another runs. */
    public RefreshOutcome refresh(UUID connectionId) {
        String owner = "refresh-" + UUID.randomUUID();
        Claim claim = QuarkusTransaction.requiringNew().call(() -> claim(connectionId, owner));
        if (claim.outcome() != null) {
            return claim.outcome();
        }
        TokenSet tokens;
        try {
            tokens = claim.oauth().refresh(endpoints.of(claim.oauth().platform(), claim.oauth().flow()),
                                           claim.grant());
        } catch (OAuthFailure failure) {
            QuarkusTransaction.requiringNew().run(() -> recordFailure(connectionId, failure));
            return failure.kind() == OAuthFailure.Kind.REJECTED_GRANT ? RefreshOutcome.NEEDS_REAUTH
                    : RefreshOutcome.RETRY_LATER;
        } catch (RuntimeException unexpected) {
            QuarkusTransaction.requiringNew().run(() -> recordFailure(connectionId, new OAuthFailure(
                    OAuthFailure.Kind.TRANSIENT, "unexpected", "refresh failed unexpectedly")));
            throw unexpected;
        }
        QuarkusTransaction.requiringNew().run(() -> storeRefreshed(connectionId, owner, tokens));
        return RefreshOutcome.REFRESHED;
    }

    /**
     * Refreshes now, or if another caller is already refreshing this connection waits for it to finish (at most
     * the lease duration) and reports what it achieved — so a burst of callers makes one token request.
     */
    public RefreshOutcome refreshOrAwait(UUID connectionId) {
        Instant started = clock.instant();
        RefreshOutcome outcome = refresh(connectionId);
        if (outcome != RefreshOutcome.IN_PROGRESS_ELSEWHERE) {
            return outcome;
        }
        Instant deadline = Instant.now().plus(config.leaseDuration());
        while (Instant.now().isBefore(deadline)) {
            sleep();
            PlatformConnection current = QuarkusTransaction.requiringNew()
                    .call(() -> PlatformConnection.<PlatformConnection>findById(connectionId));
            if (current == null || !PlatformConnection.ACTIVE.equals(current.status)) {
                return current == null ? RefreshOutcome.NOT_ACTIVE : RefreshOutcome.NEEDS_REAUTH;
            }
            if (current.refreshLeaseOwner == null) {
                boolean renewed = current.tokenRefreshedAt != null && !current.tokenRefreshedAt.isBefore(started);
                return renewed ? RefreshOutcome.REFRESHED : RefreshOutcome.RETRY_LATER;
            }
        }
        return RefreshOutcome.IN_PROGRESS_ELSEWHERE;
    }

    /**
     * For a publish whose access token was refused: refreshes (or waits for a refresh running elsewhere) unless the
     * tokens were renewed within {@code min-spacing}, so a burst of refusals makes at most one refresh a minute.
     */
    public RefreshOutcome refreshAfterRefusal(UUID connectionId) {
        PlatformConnection current = QuarkusTransaction.requiringNew()
                .call(() -> PlatformConnection.<PlatformConnection>findById(connectionId));
        Instant recent = clock.instant().minus(config.minSpacing());
        if (current != null && current.lastRefreshAttemptAt != null && current.lastRefreshAttemptAt.isAfter(recent)) {
            boolean succeeded = current.tokenRefreshedAt != null
                                && !current.tokenRefreshedAt.isBefore(current.lastRefreshAttemptAt);
            return succeeded ? RefreshOutcome.RECENTLY_REFRESHED : RefreshOutcome.RETRY_LATER;
        }
        return refreshOrAwait(connectionId);
    }

    private record Claim(RefreshOutcome outcome, PlatformOAuth oauth, StoredGrant grant) {
    }

    private Claim claim(UUID connectionId, String owner) {
        Instant now = clock.instant();
        boolean claimed = REFRESH_LEASE.take(PlatformConnection.getEntityManager(), connectionId, owner,
                                             now.plus(config.leaseDuration()), now, "status = ?5",
                                             PlatformConnection.ACTIVE);
        PlatformConnection connection = PlatformConnection.findById(connectionId);
        if (!claimed) {
            boolean active = connection != null && PlatformConnection.ACTIVE.equals(connection.status);
            return new Claim(active ? RefreshOutcome.IN_PROGRESS_ELSEWHERE : RefreshOutcome.NOT_ACTIVE, null, null);
        }
        PlatformOAuth oauth = oauths.of(SocialPlatform.<SocialPlatform>findById(connection.platformId).platformKey(),
                                        connection.authFlow);
        if (!oauth.minimumTokenAge().isZero() && connection.tokenRefreshedAt != null
            && connection.tokenRefreshedAt.isAfter(now.minus(oauth.minimumTokenAge()))) {
            connection.refreshLeaseOwner = null;
            connection.refreshLeaseUntil = null;
            return new Claim(RefreshOutcome.TOO_YOUNG, null, null);
        }
        // A token that never expires and comes with no refresh token (Facebook and Instagram Page tokens) has
        // nothing to renew: asking the platform could only fail and mark a working connection for reconnecting.
        // Nothing was attempted, so the spacing of refreshes does not start (a refused token is checked otherwise).
        boolean neverExpires = connection.tokenExpiresAt == null && connection.refreshTokenCiphertext == null;
        if (neverExpires || !oauth.canRefresh(connection.refreshTokenCiphertext != null)) {
            connection.refreshLeaseOwner = null;
            connection.refreshLeaseUntil = null;
            return new Claim(RefreshOutcome.NOT_REFRESHABLE, null, null);
        }
        connection.lastRefreshAttemptAt = now;
        return new Claim(null, oauth, ConnectionTokens.open(vault, connection));
    }

    private void storeRefreshed(UUID connectionId, String owner, TokenSet tokens) {
        PlatformConnection connection = PlatformConnection.findById(connectionId);
        if (connection == null) {
            return; // deleted while refreshing
        }
        if (!owner.equals(connection.refreshLeaseOwner)) {
            // Only possible if the platform took longer than the lease. The tokens just granted are the only
            // valid ones now (the old refresh token is spent), so they are kept all the same.
            LOG.warnf("Refresh of connection %s outlived its lease; storing its tokens anyway", connectionId);
        }
        String storedRefreshToken = ConnectionTokens.storedRefreshToken(vault, connection);
        ConnectionTokens.store(vault, connection, tokens, storedRefreshToken);
        Instant now = clock.instant();
        connection.tokenRefreshedAt = now;
        connection.updatedAt = now;
        LOG.infof("Tokens of connection %s refreshed; access token valid until %s", connectionId,
                  connection.tokenExpiresAt);
    }

    private void recordFailure(UUID connectionId, OAuthFailure failure) {
        PlatformConnection connection = PlatformConnection.findById(connectionId);
        if (connection == null) {
            return;
        }
        Instant now = clock.instant();
        connection.refreshLeaseOwner = null;
        connection.refreshLeaseUntil = null;
        connection.lastRefreshError = PlatformConnection.refreshError(failure.getMessage());
        connection.updatedAt = now;
        if (failure.kind() == OAuthFailure.Kind.REJECTED_GRANT) {
            if (states.needsReauth(connection, failure.getMessage(), now)) {
                LOG.infof("Connection %s needs the user to connect again: %s", connectionId, failure.getMessage());
            }
            return;
        }
        connection.refreshFailures++;
        connection.nextRefreshAt = now.plus(backoff(connection.refreshFailures));
        if (failure.kind() == OAuthFailure.Kind.REJECTED_APP) {
            LOG.errorf("Refresh of connection %s refused this server's app credentials: %s", connectionId,
                       failure.getMessage());
        } else {
            LOG.warnf("Refresh of connection %s failed (attempt %d), next try at %s: %s", connectionId,
                      connection.refreshFailures, connection.nextRefreshAt, failure.getMessage());
        }
    }

    /** Doubling waits from the initial backoff, capped. */
    Duration backoff(int failures) {
        Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(failures - 1, 20));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private static void sleep() {
        try {
            Thread.sleep(WAIT_STEP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a token refresh", e);
        }
    }
}
