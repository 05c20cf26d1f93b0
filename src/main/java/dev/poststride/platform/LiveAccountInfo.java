package dev.poststride.platform;

import dev.poststride.platform.oauth.PlatformOAuths;
import dev.poststride.platforms.CreatorInfo;
import dev.poststride.platforms.Credentials;
import dev.poststride.platforms.OAuthFailure;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformOAuth;
import dev.poststride.platforms.PublishingQuota;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What a platform says of a connected account now, read when a post to it is scheduled or validated: a creator's
 * posting settings ({@link CreatorInfo}, TikTok), so the user's choices are checked against them, and an account's
 * publishing quota ({@link PublishingQuota}, Instagram). Empty when the platform reports no such thing (no call is
 * made), or the account cannot be asked (not active, the platform unreachable or refusing the token): the publish
 * checks again before it posts.
 */
@ApplicationScoped
public class LiveAccountInfo {

    private static final Logger LOG = Logger.getLogger(LiveAccountInfo.class);

    private final ConnectionCredentials credentials;
    private final PlatformOAuths oauths;
    private final PlatformEndpoints endpoints;

    LiveAccountInfo(ConnectionCredentials credentials, PlatformOAuths oauths, PlatformEndpoints endpoints) {
        this.credentials = credentials;
        this.oauths = oauths;
        this.endpoints = endpoints;
    }

    /** The account's posting settings where its platform reports them (TikTok's creator_info). */
    public Optional<CreatorInfo> creator(UUID connectionId) {
        return ask(connectionId, "creator_info",
                   (account, oauth) -> oauth.creatorInfo(endpoints.of(account.platform(), account.flow()),
                                                        account.accessToken()));
    }

    /** The account's publishing quota where its platform reports it (Instagram's content_publishing_limit). */
    public Optional<PublishingQuota> publishingQuota(UUID connectionId) {
        return ask(connectionId, "publishing quota",
                   (account, oauth) -> oauth.publishingQuota(endpoints.of(account.platform(), account.flow()),
                                                             account.accessToken(), account.accountId()));
    }

    private interface Question<T> {
        Optional<T> ask(Credentials account, PlatformOAuth oauth);
    }

    private <T> Optional<T> ask(UUID connectionId, String what, Question<T> question) {
        Optional<Credentials> account = credentials.of(connectionId);
        if (account.isEmpty() || !account.get().active()) {
            return Optional.empty();
        }
        PlatformKey platform = account.get().platform();
        try {
            return question.ask(account.get(), oauths.of(platform, account.get().flow()));
        } catch (OAuthFailure failure) {
            LOG.infof("%s %s of connection %s could not be read (%s); the publish checks again", platform.key(),
                      what, connectionId, failure.getMessage());
            return Optional.empty();
        }
    }
}
