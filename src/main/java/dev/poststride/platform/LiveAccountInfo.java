package dev.poststride.platform;

import dev.poststride.platform.ConnectionCredentials.Credentials;
import dev.poststride.platform.oauth.OAuthFailure;
import dev.poststride.platform.oauth.PlatformOAuth;
import dev.poststride.platform.oauth.PlatformOAuths;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What a platform says of a connected account now, read when a post to it is scheduled or validated: a TikTok
 * creator's settings ({@link CreatorInfo}), so the user's choices are checked against them, and an Instagram
 * account's publishing quota ({@link PublishingQuota}). Empty when the account cannot be asked (another platform,
 * not active, the platform unreachable or refusing the token): the publish checks again before it posts.
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

    public Optional<CreatorInfo> tikTokCreator(UUID connectionId) {
        return ask(connectionId, PlatformKey.TIKTOK, "creator_info",
                   (account, oauth) -> oauth.creatorInfo(endpoints.of(PlatformKey.TIKTOK, account.flow()),
                                                        account.accessToken()));
    }

    public Optional<PublishingQuota> instagramQuota(UUID connectionId) {
        return ask(connectionId, PlatformKey.INSTAGRAM, "content_publishing_limit",
                   (account, oauth) -> oauth.publishingQuota(endpoints.of(PlatformKey.INSTAGRAM, account.flow()),
                                                             account.accessToken(), account.accountId()));
    }

    private interface Question<T> {
        Optional<T> ask(Credentials account, PlatformOAuth oauth);
    }

    private <T> Optional<T> ask(UUID connectionId, PlatformKey platform, String what, Question<T> question) {
        Optional<Credentials> account = credentials.of(connectionId);
        if (account.isEmpty() || !account.get().active() || account.get().platform() != platform) {
            return Optional.empty();
        }
        try {
            return question.ask(account.get(), oauths.of(platform, account.get().flow()));
        } catch (OAuthFailure failure) {
            LOG.infof("%s %s of connection %s could not be read (%s); the publish checks again", platform.key(),
                      what, connectionId, failure.getMessage());
            return Optional.empty();
        }
    }
}
