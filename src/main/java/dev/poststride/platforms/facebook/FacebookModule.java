package dev.poststride.platforms.facebook;

import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformModule;
import dev.poststride.platforms.PlatformOAuth;
import dev.poststride.platforms.PlatformPublisher;
import dev.poststride.platforms.PostingRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Facebook Pages: text, photos and videos; first comments.
 */
@ApplicationScoped
public class FacebookModule implements PlatformModule {

    public static final PlatformKey KEY = new PlatformKey("facebook");

    private final FacebookOAuth oauth;
    private final FacebookPublisher publisher;
    private final FacebookRules rules;
    private final FacebookConfig config;

    FacebookModule(FacebookOAuth oauth, FacebookPublisher publisher, FacebookRules rules, FacebookConfig config) {
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
