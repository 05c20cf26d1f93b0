package dev.poststride.platforms.tiktok;

import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformModule;
import dev.poststride.platforms.PlatformOAuth;
import dev.poststride.platforms.PlatformPublisher;
import dev.poststride.platforms.PostingRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * TikTok: videos and photo posts by Direct Post, with the creator's choices.
 */
@ApplicationScoped
public class TikTokModule implements PlatformModule {

    public static final PlatformKey KEY = new PlatformKey("tiktok");

    private final TikTokOAuth oauth;
    private final TikTokPublisher publisher;
    private final TikTokRules rules;
    private final TikTokConfig config;

    TikTokModule(TikTokOAuth oauth, TikTokPublisher publisher, TikTokRules rules, TikTokConfig config) {
        this.oauth = oauth;
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
        return List.of(oauth);
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
