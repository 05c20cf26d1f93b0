package dev.poststride.common.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One pass at a time, and no request for a pass lost: the wake-up both workers once lost. */
class CoalescedRunsTest {

    private final CoalescedRuns runs = new CoalescedRuns();

    @Test
    void aRequestWhileAPassRunsIsRunOnceMoreByTheThreadRunningIt() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch inFirstPass = new CountDownLatch(1);
        CountDownLatch asked = new CountDownLatch(1);
        CompletableFuture<Boolean> holder = CompletableFuture.supplyAsync(() -> runs.request(() -> {
            if (passes.incrementAndGet() == 1) {
                inFirstPass.countDown();
                await(asked);
            }
        }));
        assertThat(inFirstPass.await(10, TimeUnit.SECONDS)).isTrue();
        // Three requests during the first pass: none runs here, and together they make one more pass, not three.
        for (int i = 0; i < 3; i++) {
            assertThat(runs.request(passes::incrementAndGet)).isFalse();
        }
        asked.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(passes.get()).isEqualTo(2);
    }

    @Test
    void aRequestAfterThePassesEndedRunsItsOwn() {
        AtomicInteger passes = new AtomicInteger();
        assertThat(runs.request(passes::incrementAndGet)).isTrue();
        assertThat(runs.request(passes::incrementAndGet)).isTrue();
        assertThat(passes.get()).isEqualTo(2);
    }

    @Test
    void aClosedJobRunsNoPass() {
        AtomicInteger passes = new AtomicInteger();
        assertThat(runs.request(passes::incrementAndGet, () -> false)).isFalse();
        assertThat(passes.get()).isZero();
    }

    @Test
    void aPassThatThrowsLetsGoOfTheRun() {
        assertThatThrownBy(() -> runs.request(() -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        AtomicInteger passes = new AtomicInteger();
        assertThat(runs.request(passes::incrementAndGet)).isTrue();
        assertThat(passes.get()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
