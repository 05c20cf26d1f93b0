package dev.poststride.platform;

import dev.poststride.platform.ConnectionCredentials.Credentials;
import dev.poststride.platform.oauth.OAuthFailure;
import dev.poststride.platform.oauth.PlatformOAuths;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reads a connected TikTok account's {@link CreatorInfo} when a post to it is scheduled or validated, so that the
 * user's choices are checked against what the creator may do now. Empty when the account cannot be asked (not
 * TikTok, not active, TikTok unreachable or refusing the token): the publish checks again before it posts.
 */
@ApplicationScoped
public class CreatorInfoLookup {

    private static final Logger LOG = Logger.getLogger(CreatorInfoLookup.class);

    private final ConnectionCredentials credentials;
    private final PlatformOAuths oauths;
    private final PlatformEndpoints endpoints;

    CreatorInfoLookup(ConnectionCredentials credentials, PlatformOAuths oauths, PlatformEndpoints endpoints) {
        this.credentials = credentials;
        this.oauths = oauths;
        this.endpoints = endpoints;
    }

    public Optional<CreatorInfo> of(UUID connectionId) {
        Optional<Credentials> account = credentials.of(connectionId);
        if (account.isEmpty() || !account.get().active() || account.get().platform() != PlatformKey.TIKTOK) {
            return Optional.empty();
        }
        try {
            return oauths.of(PlatformKey.TIKTOK).creatorInfo(endpoints.of(PlatformKey.TIKTOK),
                                                              account.get().accessToken());
        } catch (OAuthFailure failure) {
            LOG.infof("TikTok creator_info of connection %s could not be read (%s); the publish checks again",
                      connectionId, failure.getMessage());
            return Optional.empty();
        }
    }
}
