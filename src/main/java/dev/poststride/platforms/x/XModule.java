package dev.poststride.platforms.x;

import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformModule;
import dev.poststride.platforms.PlatformOAuth;
import dev.poststride.platforms.PlatformPublisher;
import dev.poststride.platforms.PostingRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * X: posts and threads with images, GIFs and videos; first comments as replies.
 */
@ApplicationScoped
public class XModule implements PlatformModule {

    public static final PlatformKey KEY = new PlatformKey("x");

    private final XOAuth oauth;
    private final XPublisher publisher;
    private final XRules rules;
    private final XConfig config;

    XModule(XOAuth oauth, XPublisher publisher, XRules rules, XConfig config) {
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
