package dev.poststride.platforms.linkedin;

import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformModule;
import dev.poststride.platforms.PlatformOAuth;
import dev.poststride.platforms.PlatformPublisher;
import dev.poststride.platforms.PostingRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * LinkedIn: members and Company Pages; text, images, videos and documents; first comments.
 */
@ApplicationScoped
public class LinkedInModule implements PlatformModule {

    public static final PlatformKey KEY = new PlatformKey("linkedin");

    private final LinkedInOAuth oauth;
    private final LinkedInPublisher publisher;
    private final LinkedInRules rules;
    private final LinkedInConfig config;

    LinkedInModule(LinkedInOAuth oauth, LinkedInPublisher publisher, LinkedInRules rules, LinkedInConfig config) {
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
