package dev.poststride.platforms.instagram;

import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformModule;
import dev.poststride.platforms.PlatformOAuth;
import dev.poststride.platforms.PlatformPublisher;
import dev.poststride.platforms.PostingRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Instagram professional accounts, connected through Facebook Login or Instagram Login: feed posts,
 * carousels, reels and stories; first comments.
 */
@ApplicationScoped
public class InstagramModule implements PlatformModule {

    public static final PlatformKey KEY = new PlatformKey("instagram");

    private final InstagramOAuth facebookLogin;
    private final InstagramLoginOAuth instagramLogin;
    private final InstagramPublisher publisher;
    private final InstagramRules rules;
    private final InstagramConfig config;

    InstagramModule(InstagramOAuth facebookLogin, InstagramLoginOAuth instagramLogin, InstagramPublisher publisher,
                    InstagramRules rules, InstagramConfig config) {
        this.facebookLogin = facebookLogin;
        this.instagramLogin = instagramLogin;
        this.publisher = publisher;
        this.rules = rules;
        this.config = config;
    }

    @Override
    public PlatformKey key() {
        return KEY;
    }

    @Override
    public List<PlatformOAuth> connectFlows() {
        return List.of(facebookLogin, instagramLogin);
    }

    @Override
    public Duration refreshAhead() {
        return config.refreshAhead();
    }

    @Override
    public PlatformPublisher publisher() {
        return publisher;
    }

    @Override
    public PostingRules rules() {
        return rules;
    }
}
