package dev.runnel.exec.engine;

import dev.runnel.exec.catalog.JobDef;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.sink.EpochOutput;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One run of a persistent job in this engine ({@link Jobs}): its pipeline, state and checkpoints.
 * Thread-safe: its fields are final or volatile, read from any thread.
 */
final class RunningJob {
    final JobDef def;
    final CountDownLatch done = new CountDownLatch(1);
    volatile Pipeline pipeline;
    volatile String state = "RUNNING";
    volatile String reason;
    volatile boolean stopping;
    /** What the job's query reads (streams, tables, views). */
    volatile List<String> reads = List.of();
    volatile Checkpoints checkpoints;
    volatile EpochOutput output;
    /** Set to have the job checkpoint (and commit its output) at its next quiet moment. */
    volatile boolean checkpointNow;
    /** Checkpoints committed by this run. */
    volatile long commits;

    RunningJob(JobDef def) {
        this.def = def;
    }
}
