package dev.poststride.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes whoever waits for publishing work: a target became due (PostgreSQL's {@code NOTIFY}), a publish slot freed,
 * or the fallback poll ticked. Each wake-up counts a generation; a waiter says which generation it last saw, so a
 * wake-up that comes before it starts waiting is not lost, and one waiter never takes another's.
 */
@ApplicationScoped
class DispatchSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private long generation;

    void wake() {
        lock.lock();
        try {
            generation++;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a wake-up after generation {@code seen}, or {@code atMost}; returns the generation now. */
    long awaitAfter(long seen, Duration atMost) throws InterruptedException {
        long nanos = Math.max(0, atMost.toNanos());
        lock.lock();
        try {
            while (generation == seen && nanos > 0) {
                nanos = woken.awaitNanos(nanos);
            }
            return generation;
        } finally {
            lock.unlock();
        }
    }
}
