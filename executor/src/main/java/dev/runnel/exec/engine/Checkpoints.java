package dev.runnel.exec.engine;

import dev.runnel.exec.checkpoint.CheckpointStore;
import dev.runnel.exec.plan.Pipeline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The checkpoints of one persistent pipeline (a materialized view's or a job's): where they live (a
 * {@link CheckpointStore}), when the next is due, and the {@link Pipeline.Hooks} that restore the
 * newest usable one when the pipeline opens and take one between batches every interval (or sooner
 * when the {@link Attachment} asks). A checkpoint's body is the pipeline's state (length-prefixed)
 * followed by the attachment's bytes: a view's rows, a job's output not yet committed. Fields are
 * written by the pipeline's thread and read by SHOW from any thread.
 */
final class Checkpoints {
    private static final System.Logger LOG = System.getLogger(Checkpoints.class.getName());
    /** How often a view's state is checkpointed unless {@code checkpoint.interval} says otherwise. */
    static final long DEFAULT_INTERVAL_MILLIS = 5_000;
    /**
     * How often a job checkpoints (and so commits its output) unless {@code checkpoint.interval}
     * says otherwise: often, for fresh output, but never more than a tenth of its time (see {@link #hooks}).
     */
    static final long DEFAULT_JOB_INTERVAL_MILLIS = 1_000;

    /** What is checkpointed with the pipeline's state, and what happens around a checkpoint. */
    interface Attachment {
        /** Writes what goes with the pipeline's state (between batches, on the pipeline's thread). */
        void snapshot(DataOutputStream out, BufferAllocator allocator) throws IOException;

        /** Reads back what {@link #snapshot} wrote, after the pipeline's state was restored. */
        void restore(DataInputStream in, BufferAllocator allocator) throws IOException;

        /** Checkpoint {@code sequence} is durable (on the pipeline's thread, right after writing it). */
        default void committed(long sequence) {}

        /** Checkpoint {@code sequence} was restored (on the pipeline's thread, before any batch). */
        default void restored(long sequence) {}

        /** Whether a checkpoint is wanted before the interval has passed (too much waits on it). */
        default boolean urgent() {
            return false;
        }
    }

    /** Bumped when the layout of a view's checkpointed state changes: older checkpoints are then not used. */
    private static final String VIEW_STATE_FORMAT = "runnel-view-state-1";

    /**
     * A view's checkpoints, in {@code <data-dir>/checkpoints/<view>/}: the pipeline's state and the
     * view's rows (Arrow IPC, {@link dev.runnel.exec.view.ViewTable#snapshot}). A view reading other views is not
     * checkpointed: it rebuilds from their contents.
     */
    static Checkpoints ofView(RunnelEngine engine, dev.runnel.planner.catalog.RelationDef def, dev.runnel.exec.view.ViewTable table, List<String> reads) {
        long interval = java.util.Optional.ofNullable(def.options().get("checkpoint.interval"))
                .map(dev.runnel.planner.ddl.Durations::parseMillis).orElse(java.util.OptionalLong.empty())
                .orElse(DEFAULT_INTERVAL_MILLIS);
        boolean enabled = reads.stream().noneMatch(r -> engine.catalog().find(r)
                .map(d -> d.kind() == dev.runnel.planner.catalog.RelationKind.MATERIALIZED_VIEW).orElse(false));
        return new Checkpoints("view " + def.name(),
                engine.dataDir().resolve("checkpoints").resolve(def.name().toLowerCase(java.util.Locale.ROOT)),
                VIEW_STATE_FORMAT + "\n" + def.sql(), interval, false, enabled, new Attachment() {
                    @Override
                    public void snapshot(java.io.DataOutputStream out, org.apache.arrow.memory.BufferAllocator a)
                            throws IOException {
                        table.snapshot(out, a);
                    }

                    @Override
                    public void restore(java.io.DataInputStream in, org.apache.arrow.memory.BufferAllocator a)
                            throws IOException {
                        table.restore(in, a);
                    }
                });
    }

    private final String what;
    private final CheckpointStore store;
    private final String fingerprint;
    private final Attachment attachment;
    private final long intervalMillis;
    private final boolean adaptive;
    private volatile boolean enabled;
    private long nextSequence = 1;
    private long lastMillis;
    private volatile long takenAt = -1;
    private volatile long bytes;
    private volatile long pauseMillis;
    private volatile long restoredFrom = -1;
    private volatile long lastSequence = -1;

    /**
     * @param what        how log lines name the owner ("view v", "job j")
     * @param fingerprint what the state belongs to (format and query): other checkpoints are not used
     * @param adaptive    whether the interval (a default) stretches to ten times the last checkpoint's pause
     */
    Checkpoints(String what, Path dir, String fingerprint, long intervalMillis, boolean adaptive, boolean enabled,
            Attachment attachment) {
        this(what, new CheckpointStore(dir), fingerprint, intervalMillis, adaptive, enabled, attachment);
    }

    /** As above, the checkpoints kept in {@code store} (files, or a Kafka topic). */
    Checkpoints(String what, CheckpointStore store, String fingerprint, long intervalMillis, boolean adaptive,
            boolean enabled, Attachment attachment) {
        this.what = what;
        this.adaptive = adaptive;
        this.store = store;
        this.fingerprint = fingerprint;
        this.intervalMillis = intervalMillis;
        this.enabled = enabled;
        this.attachment = attachment;
        try {
            List<Long> existing = store.sequences();
            nextSequence = existing.isEmpty() ? 1 : existing.get(0) + 1;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list the checkpoints of " + what + ": " + e);
        }
    }

    boolean enabled() {
        return enabled;
    }

    /** Stops checkpointing for this run (it starts over without a checkpoint it could not restore). */
    void disable() {
        enabled = false;
    }

    /** Deletes every checkpoint (the owner was dropped, or is new under an old name). */
    void deleteAll() throws IOException {
        store.deleteAll();
        nextSequence = 1;
    }

    /**
     * Between batches on the pipeline's thread ({@code clock} stamps checkpoints with their time): restores the newest usable checkpoint when the run
     * opens, and takes one whenever the interval has passed (an adaptive interval: at least ten
     * times the last checkpoint's pause, so large state is not snapshotted back to back), or when
     * the attachment asks.
     */
    Pipeline.Hooks hooks(java.time.Clock clock) {
        return new Pipeline.Hooks() {
            @Override
            public void opened(Pipeline pipeline) {
                lastMillis = monotonicMillis();
                if (enabled) {
                    restore(pipeline);
                }
            }

            @Override
            public void between(Pipeline pipeline) {
                long now = monotonicMillis();
                long interval = adaptive ? Math.max(intervalMillis, 10 * pauseMillis) : intervalMillis;
                if (enabled && (now - lastMillis >= interval || attachment.urgent())) {
                    lastMillis = now;
                    take(pipeline, clock.millis());
                }
            }
        };
    }

    private void restore(Pipeline pipeline) {
        Optional<CheckpointStore.Checkpoint> c;
        try {
            c = store.latest(fingerprint);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the checkpoints of " + what
                    + "; starting it from its inputs: " + e);
            return;
        }
        if (c.isEmpty()) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(c.get().body()))) {
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            pipeline.restore(new DataInputStream(new ByteArrayInputStream(state)));
            attachment.restore(in, pipeline.allocator());
            restoredFrom = c.get().sequence();
            lastSequence = c.get().sequence();
            takenAt = c.get().createdMillis();
            attachment.restored(c.get().sequence());
        } catch (IOException | RuntimeException e) {
            throw new RestoreFailed(what + ": checkpoint " + c.get().sequence() + " cannot be restored ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Takes a checkpoint: operator state, source positions and the attachment, from one quiet moment. */
    private void take(Pipeline pipeline, long now) {
        long started = System.nanoTime();
        byte[] body;
        try {
            ByteArrayOutputStream state = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(state)) {
                pipeline.snapshot(out);
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream(state.size() + 1024);
            DataOutputStream out = new DataOutputStream(all);
            out.writeInt(state.size());
            state.writeTo(out);
            attachment.snapshot(out, pipeline.allocator());
            out.flush();
            body = all.toByteArray();
        } catch (UnsupportedOperationException e) {
            enabled = false;
            LOG.log(System.Logger.Level.INFO, what + " is not checkpointed (it starts from its inputs on restart): "
                    + e.getMessage());
            return;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot checkpoint " + what + ": " + e);
            return;
        }
        long sequence = nextSequence;
        try {
            bytes = store.write(sequence, now, fingerprint, body);
            lastSequence = sequence;
            nextSequence++;
            takenAt = now;
        } catch (IOException e) {
            // a full disk: the previous checkpoint stays the newest complete one
            LOG.log(System.Logger.Level.WARNING, "cannot write checkpoint " + sequence + " of " + what
                    + " (the previous one stays in use): " + e);
            return;
        } finally {
            pauseMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        }
        attachment.committed(sequence);
    }

    /** Intervals are measured in elapsed time, not by the engine's clock (which tests may stop). */
    private static long monotonicMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    /** The number the next checkpoint will have. */
    long nextSequence() {
        return nextSequence;
    }

    /** SHOW's checkpoint, checkpoint_age_ms, checkpoint_bytes, checkpoint_pause_ms, restored_from. */
    List<Object> showColumns(long nowMillis) {
        List<Object> out = new ArrayList<>();
        boolean saved = takenAt >= 0;
        boolean written = saved && bytes > 0;
        out.add(lastSequence < 0 ? null : lastSequence);
        out.add(saved ? Math.max(0, nowMillis - takenAt) : null);
        out.add(written ? bytes : null);
        out.add(written ? pauseMillis : null);
        out.add(restoredFrom < 0 ? null : restoredFrom);
        return out;
    }

    /** A checkpoint that exists but cannot be restored: the owner starts from its inputs instead. */
    static final class RestoreFailed extends RuntimeException {
        RestoreFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
