package dev.poststride.platforms;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** A module made of its parts, each a bean of the module's package: what most modules are. */
public abstract class AssembledModule implements PlatformModule {

    private final PlatformKey key;
    private final List<PlatformOAuth> connectFlows;
    private final Supplier<Duration> refreshAhead;
    private final PlatformPublisher publisher;
    private final PostingRules rules;

    protected AssembledModule(PlatformKey key, List<PlatformOAuth> connectFlows, Supplier<Duration> refreshAhead,
                              PlatformPublisher publisher, PostingRules rules) {
        this.key = key;
        this.connectFlows = List.copyOf(connectFlows);
        this.refreshAhead = refreshAhead;
        this.publisher = publisher;
        this.rules = rules;
    }

    @Override
    public PlatformKey key() {
        return key;
    }

    @Override
    public List<PlatformOAuth> connectFlows() {
        return connectFlows;
    }

    @Override
    public Duration refreshAhead() {
        return refreshAhead.get();
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
