package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A read-your-writes waiter wakes at the view job's next step, and never misses one made before it waits. */
class ViewProgressTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    @Test
    void aStepMadeBetweenTheReadingAndTheWaitEndsTheWaitAtOnce() throws Exception {
        ViewProgress p = new ViewProgress();
        long seen = p.reading();
        p.progressed();
        p.await(seen, HOUR); // would hang for an hour if the step were missed
        assertThat(p.reading()).isEqualTo(seen + 1);
    }

    @Test
    void aWaiterWakesAtTheNextStepRatherThanAtItsLimit() throws Exception {
        ViewProgress p = new ViewProgress();
        long seen = p.reading();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                p.await(seen, HOUR);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (!waiting.isDone()) {
            p.progressed(); // the job keeps reading on; the waiter may not be waiting yet at the first step
            Thread.sleep(1);
        }
        waiting.get();
        assertThat(p.reading()).isGreaterThan(seen);
    }

    @Test
    void withoutAStepTheWaitEndsAtItsLimit() throws Exception {
        ViewProgress p = new ViewProgress();
        p.await(p.reading(), TimeUnit.MILLISECONDS.toNanos(5));
        assertThat(p.reading()).isZero();
    }
}
