package dev.poststride.platform;

import dev.poststride.common.work.InternalJob;
import dev.poststride.platforms.PlatformModule;
import dev.poststride.platforms.PlatformModules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Renews tokens before they expire (each platform's {@code refresh-ahead}), marks connections whose tokens ran
 * out with no way to renew them as {@code needs_reauth}, and drops expired connect states. Safe on any number of
 * instances: each refresh is claimed in the database.
 */
@ApplicationScoped
public class TokenRefreshJob implements InternalJob {

    private static final Logger LOG = Logger.getLogger(TokenRefreshJob.class);

    private final TokenRefresher refresher;
    private final PlatformModules modules;
    private final TokenRefreshConfig config;
    private final Clock clock;

    private final ConnectionStates states;

    TokenRefreshJob(TokenRefresher refresher, PlatformModules modules, TokenRefreshConfig config,
                    ConnectionStates states, Clock clock) {
        this.states = states;
        this.refresher = refresher;
        this.modules = modules;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "token-refresh", every = "${poststride.tokens.interval:60s}", delayed = "20s",
               skipExecutionIf = WhenDisabled.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        RefreshReport report = run();
        if (report.refreshed() + report.retryLater() + report.needsReauth() + report.lapsed() > 0) {
            LOG.infof("Token refresh: %s", report);
        }
    }

    public RefreshReport run() {
        Instant now = clock.instant();
        int expiredStates = QuarkusTransaction.requiringNew()
                .call(() -> (int) OAuthState.delete("expiresAt < ?1", now));
        int lapsed = QuarkusTransaction.requiringNew().call(() -> {
            List<PlatformConnection> ending = PlatformConnection.list(
                    "status = ?1 and ((tokenExpiresAt <= ?2 and refreshTokenCiphertext is null)"
                    + " or refreshTokenExpiresAt <= ?2)", PlatformConnection.ACTIVE, now);
            for (PlatformConnection connection : ending) {
                states.needsReauth(connection, "The access expired and cannot be renewed; connect again.", now);
            }
            return ending.size();
        });
        int refreshed = 0;
        int retryLater = 0;
        int needsReauth = 0;
        for (PlatformModule module : modules.all()) {
            for (UUID id : dueForRefresh(module, now)) {
                switch (refresher.refresh(id)) {
                    case REFRESHED -> refreshed++;
                    case RETRY_LATER -> retryLater++;
                    case NEEDS_REAUTH -> needsReauth++;
                    default -> { }
                }
            }
        }
        return new RefreshReport(refreshed, retryLater, needsReauth, lapsed, expiredStates);
    }

    private List<UUID> dueForRefresh(PlatformModule module, Instant now) {
        Instant horizon = now.plus(module.refreshAhead());
        return QuarkusTransaction.requiringNew().call(() -> {
            SocialPlatform platform = SocialPlatform.findByKey(module.key()).orElseThrow();
            return PlatformConnection.<PlatformConnection>find(
                            "platformId = ?1 and status = ?2 and tokenExpiresAt is not null and tokenExpiresAt <= ?3"
                            + " and (nextRefreshAt is null or nextRefreshAt <= ?4)"
                            + " and (refreshLeaseUntil is null or refreshLeaseUntil < ?4) order by tokenExpiresAt",
                            platform.id, PlatformConnection.ACTIVE, horizon, now)
                    .page(0, config.batchSize()).list().stream().map(c -> c.id).toList();
        });
    }

    /** Skips the timer where a cron calls {@code POST /api/internal/token-refresh-cycle} instead. */
    @Singleton
    static class WhenDisabled implements Scheduled.SkipPredicate {

        private final TokenRefreshConfig config;

        WhenDisabled(TokenRefreshConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.schedulerEnabled();
        }
    }

    @Override
    public String name() {
        return "token-refresh";
    }
}
