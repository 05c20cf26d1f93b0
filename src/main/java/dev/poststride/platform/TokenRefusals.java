package dev.poststride.platform;

import dev.poststride.platform.oauth.PlatformOAuths;
import dev.poststride.platforms.Credentials;
import dev.poststride.platforms.PlatformOAuth;
import dev.poststride.platforms.TokenCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What a platform refusing a connection's access token means, decided in one place. Platforms refuse good tokens now
 * and then (a token not yet everywhere, a blip), so a connection is disabled ({@code needs_reauth}) only on a
 * definitive signal:
 * <ul>
 * <li>for a token that can be renewed, the platform's token endpoint refusing the grant ({@code invalid_grant} and
 * the like, decided by {@link TokenRefresher});</li>
 * <li>for a token that cannot be renewed (Page tokens, members without a refresh token), or not yet (a token younger
 * than its platform renews), an identity call with the same token that gets the platform's documented answer for a
 * dead token ({@link PlatformOAuth#checkToken}), on two attempts with no acceptance of the token between (recorded in
 * the database, {@code token_refused_at}): a platform that refuses a good token twice in a row must not end it.</li>
 * </ul>
 * A refusal of a token the platform has accepted since it was stored (recorded in the database, so every instance
 * knows) is taken as a blip the first time: the target retries later with backoff. The next refusal in a row, or a
 * refusal of a token never seen accepted or past its expiry, is checked as above. A refusal right after a successful
 * renewal is a blip too (the renewal proved the grant alive). Each platform's page in {@code docs/platforms} lists
 * its signals.
 */
@ApplicationScoped
public class TokenRefusals {

    /** The error code of an attempt whose token was refused but the grant is not known to be gone. */
    public static final String TOKEN_REFUSED = "token_refused";

    private static final Logger LOG = Logger.getLogger(TokenRefusals.class);

    /** What to do about a refused token. */
    public sealed interface Verdict {

        /** Another token is stored now (renewed here or elsewhere): make the call again with it, once. */
        record UseRenewed(Credentials credentials) implements Verdict {
        }

        /** The grant is not known to be gone: try again later. */
        record RetryLater(String code, String reason) implements Verdict {
        }

        /** A definitive signal: the connection needs the user (it is marked so) or is gone. */
        record Revoked(String reason) implements Verdict {
        }
    }

    private final ConnectionCredentials credentials;
    private final TokenRefresher refresher;
    private final PlatformOAuths oauths;
    private final PlatformEndpoints endpoints;
    private final Clock clock;

    TokenRefusals(ConnectionCredentials credentials, TokenRefresher refresher, PlatformOAuths oauths,
                  PlatformEndpoints endpoints, Clock clock) {
        this.credentials = credentials;
        this.refresher = refresher;
        this.oauths = oauths;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /**
     * The platform refused {@code used}'s access token ({@code detail}: its answer). {@code refusedLastTime}: the
     * target's previous attempt ended the same way, so this is no longer taken as a blip without a check.
     */
    public Verdict refused(Credentials used, String detail, boolean refusedLastTime) {
        Optional<Credentials> stored = credentials.of(used.connectionId());
        if (stored.isEmpty() || !stored.get().active()) {
            return new Verdict.Revoked("the account is no longer connected; connect it again and retry");
        }
        Credentials current = stored.get();
        if (!current.accessToken().equals(used.accessToken())) {
            return new Verdict.UseRenewed(current); // renewed meanwhile by another publish or the refresh job
        }
        boolean expired = current.token().expiresAt() != null && !current.token().expiresAt().isAfter(clock.instant());
        if (current.token().acceptedSinceStored() && !expired && !refusedLastTime) {
            return new Verdict.RetryLater(TOKEN_REFUSED, "the platform refused an access token it has accepted since"
                                                         + " it was stored; taken as a passing fault and tried again"
                                                         + " later (" + detail + ")");
        }
        return switch (refresher.refreshAfterRefusal(used.connectionId())) {
            case REFRESHED -> credentials.of(used.connectionId()).filter(Credentials::active)
                    .<Verdict>map(Verdict.UseRenewed::new)
                    .orElseGet(() -> new Verdict.Revoked("the account is no longer connected"));
            case RECENTLY_REFRESHED -> new Verdict.RetryLater(
                    TOKEN_REFUSED, "the platform refused the access token right after it was renewed (the renewal"
                                   + " shows the grant is alive); tried again later (" + detail + ")");
            case RETRY_LATER, IN_PROGRESS_ELSEWHERE -> new Verdict.RetryLater(
                    "token_refresh", "the access token was refused and could not be renewed yet (" + detail + ")");
            case NEEDS_REAUTH -> new Verdict.Revoked("the platform refused to renew the access token (" + detail
                                                     + ")");
            case NOT_ACTIVE -> new Verdict.Revoked("the account is no longer connected");
            case NOT_REFRESHABLE, TOO_YOUNG -> confirm(current, detail);
        };
    }

    /** The renewed token was refused too: the renewal shows the grant is alive, so this is retried later. */
    public Verdict refusedAfterRenewal(String detail) {
        return new Verdict.RetryLater(TOKEN_REFUSED, "the platform refused the renewed access token too; the grant is"
                                                     + " alive (it was just renewed), so this is tried again later ("
                                                     + detail + ")");
    }

    /** A token that cannot be renewed: an identity call with it decides. */
    private Verdict confirm(Credentials current, String detail) {
        TokenCheck check = oauths.of(current.platform(), current.flow())
                .checkToken(endpoints.of(current.platform(), current.flow()), current.accessToken());
        LOG.infof("Connection %s: %s refused its access token (%s); the account check says %s",
                  current.connectionId(), current.platform().key(), detail, check);
        if (check == TokenCheck.REFUSED && current.token().refusalConfirmed()) {
            credentials.markNeedsReauth(current.connectionId(), "The platform refused the access token, and refused"
                                                                + " it again when asked who it belongs to, on two"
                                                                + " attempts: " + detail);
            return new Verdict.Revoked("the platform refused the access token, also for the account check, on two"
                                       + " attempts (" + detail + ")");
        }
        return switch (check) {
            case REFUSED -> {
                // Platforms have answered 401 twice in a row for a good token: only a second confirmation, on
                // another attempt and with no acceptance between, is taken as the grant's end.
                credentials.recordConfirmedRefusal(current);
                yield new Verdict.RetryLater(TOKEN_REFUSED, "the platform refused the access token, also for the"
                                                            + " account check; it is checked once more on the next"
                                                            + " attempt before the account is given up (" + detail
                                                            + ")");
            }
            case ACCEPTED -> {
                credentials.recordAccepted(current);
                yield new Verdict.RetryLater(TOKEN_REFUSED, "the platform refused the access token but accepted it"
                                                            + " for the account check just after; tried again later ("
                                                            + detail + ")");
            }
            case UNKNOWN -> new Verdict.RetryLater(TOKEN_REFUSED, "the platform refused the access token and the"
                                                                  + " account check did not answer; tried again later"
                                                                  + " (" + detail + ")");
        };
    }
}
