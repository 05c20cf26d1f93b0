package dev.poststride.ratelimit;

import dev.poststride.common.access.Access;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets (Bucket4j) in this instance's memory, one per signed-in user and one per API key, so that a request
 * costs no database round trip. A limit is meant for all instances together: each instance's bucket holds its share,
 * the limit divided by the live instances (rounded up). With requests spread over the instances by a load balancer, a
 * caller gets the whole limit; the bound is never more than the limit plus one request per instance per window, and
 * a caller pinned to one instance gets that instance's share only (stricter, never looser). A bucket is made again
 * when the instance count changes, and dropped after a window unused (a full bucket and a new one are the same).
 */
@ApplicationScoped
public class ApiRateLimiter {

    /** The outcome of one request, with what the RateLimit headers say. */
    public record Decision(boolean allowed, String policy, long quota, long windowSeconds, long remaining,
                           long resetSeconds) {
    }

    private record Limited(Bucket bucket, long quota, long[] lastUsedNanos) {
    }

    private final RateLimitConfig config;
    private final LiveInstances instances;
    private final ConcurrentMap<String, Limited> buckets = new ConcurrentHashMap<>();

    ApiRateLimiter(RateLimitConfig config, LiveInstances instances) {
        this.config = config;
        this.instances = instances;
    }

    /** Takes one request from the caller's bucket. */
    public Decision take(Access access) {
        boolean byKey = access.keyId().isPresent();
        String policy = byKey ? "key" : "user";
        String caller = byKey ? "key:" + access.keyId().get() : "user:" + access.userId();
        long quota = share(byKey ? config.perKey() : config.perUser());
        Limited limited = buckets.get(caller);
        if (limited == null || limited.quota() != quota) {
            limited = buckets.compute(caller, (id, old) -> old != null && old.quota() == quota ? old
                    : new Limited(bucket(quota), quota, new long[1]));
        }
        limited.lastUsedNanos()[0] = System.nanoTime();
        ConsumptionProbe probe = limited.bucket().tryConsumeAndReturnRemaining(1);
        long wait = probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill();
        return new Decision(probe.isConsumed(), policy, quota, config.window().toSeconds(),
                            probe.getRemainingTokens(), seconds(wait));
    }

    /** This instance's part of a limit for all instances. */
    long share(int limit) {
        int live = instances.count();
        return Math.max(1, (limit + live - 1) / live);
    }

    @Scheduled(identity = "rate-limit-buckets", every = "${poststride.rate-limit.window:1m}",
               concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdle() {
        long idleSince = System.nanoTime() - config.window().toNanos();
        buckets.values().removeIf(limited -> limited.lastUsedNanos()[0] - idleSince < 0);
    }

    private Bucket bucket(long quota) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(quota).refillGreedy(quota, config.window()).build())
                .build();
    }

    private static long seconds(long nanos) {
        return Math.max(0, (nanos + Duration.ofSeconds(1).toNanos() - 1) / Duration.ofSeconds(1).toNanos());
    }
}
