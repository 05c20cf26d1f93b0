package dev.poststride.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhook delivery settings ({@code POSTSTRIDE_WEBHOOKS_*}; the README lists them). */
@ConfigMapping(prefix = "poststride.webhooks")
public interface WebhookConfig {

    /**
     * Whether this instance relays events and delivers webhooks in the background (every instance may; they share
     * the work through the database). Off where a cron calls {@code POST /api/internal/publish-cycle}, which then
     * delivers too.
     */
    @WithDefault("true")
    boolean workerEnabled();

    /**
     * The fallback poll: due retries are looked for at least this often (a retry goes out up to this much after its
     * time); new events and redeliveries wake the worker at once through PostgreSQL notifications.
     */
    @WithDefault("5s")
    Duration poll();

    /** Only {@code https://} endpoint URLs (on by default; the dev and test profiles allow {@code http://}). */
    @WithDefault("true")
    boolean requireHttps();

    /**
     * Addresses that may be delivered to although private or loopback, one IP literal each (for local receivers in
     * development and tests). Every other private, loopback, link-local, multicast or reserved address is refused.
     */
    Optional<List<String>> allowedPrivateAddresses();

    @WithDefault("5s")
    Duration connectTimeout();

    /** How long a receiver may take to answer, connection included. */
    @WithDefault("15s")
    Duration timeout();

    /**
     * The waits before each retry after a failed attempt (the first attempt is at once): about 27 hours in all, the
     * Standard Webhooks schedule. Each wait is spread by {@link #jitter()}.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** Each retry's wait is multiplied by a random factor within 1 ± this. */
    @WithDefault("0.2")
    double jitter();

    /** An endpoint whose every attempt failed for this long is disabled (and says why) until someone enables it. */
    @WithDefault("120h")
    Duration disableAfter();

    /** How long a delivery stays claimed by the instance sending it; then another instance takes it over. */
    @WithDefault("1m")
    Duration lease();

    /** Deliveries sent at the same time by one instance. */
    @WithDefault("16")
    int maxConcurrent();

    /** Endpoints one workspace may have. */
    @WithDefault("20")
    int maxEndpoints();
}
