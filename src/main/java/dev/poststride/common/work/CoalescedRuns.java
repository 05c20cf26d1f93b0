package dev.poststride.common.work;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Runs a job one pass at a time, and never loses a request for another pass: a request that comes while a pass runs
 * is marked first, and whoever holds the run looks for marks again after letting go (the lost wake-up fixed twice
 * before, in the event stream and the webhook worker, now written once). Used where wake-ups (a notification, a poll,
 * a new subscriber) ask "look again" and one look must cover every request made before it started.
 */
public final class CoalescedRuns {

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();

    /**
     * Asks for a pass and, unless another thread is running them, runs passes here until none is asked for any more
     * (or {@code open} turns false). Returns whether this call ran any pass; false means the thread running them will
     * run one more for this request.
     */
    public boolean request(Runnable pass, BooleanSupplier open) {
        wanted.set(true);
        boolean ran = false;
        while (wanted.get() && open.getAsBoolean() && running.compareAndSet(false, true)) {
            try {
                while (wanted.getAndSet(false) && open.getAsBoolean()) {
                    ran = true;
                    pass.run();
                }
            } finally {
                running.set(false);
            }
        }
        return ran;
    }

    /** {@link #request(Runnable, BooleanSupplier)} for a job that never closes. */
    public boolean request(Runnable pass) {
        return request(pass, () -> true);
    }
}
