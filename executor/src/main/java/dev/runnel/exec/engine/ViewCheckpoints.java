package dev.runnel.exec.engine;

import dev.runnel.exec.checkpoint.CheckpointStore;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.view.ViewTable;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.ddl.Durations;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The checkpoints of one materialized view: where they live ({@code <data-dir>/checkpoints/<view>/},
 * a {@link CheckpointStore}), when the next is due, and the {@link Pipeline.Hooks} that restore the
 * newest usable one when the view's job opens and take one between batches every interval. A
 * checkpoint's body is the pipeline's state (length-prefixed) followed by the view's rows (Arrow IPC,
 * {@link ViewTable#snapshot}). A view reading other views is not checkpointed: it rebuilds from their
 * contents. Fields are written by the view's job thread and read by SHOW from any thread.
 */
final class ViewCheckpoints {
    private static final System.Logger LOG = System.getLogger(ViewCheckpoints.class.getName());
    /** How often a view's state is checkpointed unless its {@code checkpoint.interval} says otherwise. */
    static final long DEFAULT_INTERVAL_MILLIS = 5_000;
    /** Bumped when the layout of checkpointed state changes: older checkpoints are then not used. */
    private static final String STATE_FORMAT = "runnel-view-state-1";

    private final RelationDef def;
    private final ViewTable table;
    private CheckpointStore store;
    private long intervalMillis = DEFAULT_INTERVAL_MILLIS;
    private volatile boolean enabled;
    private long nextSequence = 1;
    private long lastMillis;
    private volatile long takenAt = -1;
    private volatile long bytes;
    private volatile long pauseMillis;
    private volatile long restoredFrom = -1;
    private volatile long lastSequence = -1;

    ViewCheckpoints(RelationDef def, ViewTable table) {
        this.def = def;
        this.table = table;
    }

    /** Finds the store and the interval; checkpoints stay off for a view that reads views. */
    void setUp(RunnelEngine engine, List<String> reads) {
        store = new CheckpointStore(engine.dataDir().resolve("checkpoints").resolve(def.name().toLowerCase(Locale.ROOT)));
        OptionalLong interval = Optional.ofNullable(def.options().get("checkpoint.interval"))
                .map(Durations::parseMillis).orElse(OptionalLong.empty());
        intervalMillis = interval.orElse(DEFAULT_INTERVAL_MILLIS);
        enabled = reads.stream().noneMatch(r -> engine.catalog().find(r)
                .map(d -> d.kind() == RelationKind.MATERIALIZED_VIEW).orElse(false));
        try {
            List<Long> existing = store.sequences();
            nextSequence = existing.isEmpty() ? 1 : existing.get(0) + 1;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list the checkpoints of view " + def.name() + ": " + e);
        }
    }

    /** Stops checkpointing for this run (the job starts over without a checkpoint it could not restore). */
    void disable() {
        enabled = false;
    }

    /** Deletes every checkpoint of the view (dropped, or a new view of an old name). */
    void deleteAll() throws IOException {
        if (store != null) {
            store.deleteAll();
            nextSequence = 1;
        }
    }

    private String fingerprint() {
        return STATE_FORMAT + "\n" + def.sql();
    }

    /**
     * Between batches on the view's job thread: restores the newest usable checkpoint when the run
     * opens, and takes one whenever the interval has passed.
     */
    Pipeline.Hooks hooks(RunnelEngine engine) {
        return new Pipeline.Hooks() {
            @Override
            public void opened(Pipeline pipeline) {
                lastMillis = engine.config().clock().millis();
                if (enabled) {
                    restore(pipeline);
                }
            }

            @Override
            public void between(Pipeline pipeline) {
                long now = engine.config().clock().millis();
                if (enabled && now - lastMillis >= intervalMillis) {
                    take(pipeline, now);
                }
            }
        };
    }

    private void restore(Pipeline pipeline) {
        Optional<CheckpointStore.Checkpoint> c;
        try {
            c = store.latest(fingerprint());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the checkpoints of view " + def.name()
                    + "; rebuilding it from its inputs: " + e);
            return;
        }
        if (c.isEmpty()) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(c.get().body()))) {
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            pipeline.restore(new DataInputStream(new ByteArrayInputStream(state)));
            table.restore(in, pipeline.allocator());
            restoredFrom = c.get().sequence();
            lastSequence = c.get().sequence();
            takenAt = c.get().createdMillis();
        } catch (IOException | RuntimeException e) {
            throw new RestoreFailed("view " + def.name() + ": checkpoint " + c.get().sequence()
                    + " cannot be restored (" + e.getMessage() + ")", e);
        }
    }

    /** Takes a checkpoint: operator state, source positions and the view's rows, from one quiet moment. */
    private void take(Pipeline pipeline, long now) {
        lastMillis = now;
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
            out.flush();
            table.snapshot(all, pipeline.allocator());
            body = all.toByteArray();
        } catch (UnsupportedOperationException e) {
            enabled = false;
            LOG.log(System.Logger.Level.INFO, "view " + def.name() + " is not checkpointed (it rebuilds from its"
                    + " inputs on restart): " + e.getMessage());
            return;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot checkpoint view " + def.name() + ": " + e);
            return;
        }
        try {
            bytes = store.write(nextSequence, now, fingerprint(), body);
            lastSequence = nextSequence;
            nextSequence++;
            takenAt = now;
        } catch (IOException e) {
            // a full disk: the previous checkpoint stays the newest complete one
            LOG.log(System.Logger.Level.WARNING, "cannot write checkpoint " + nextSequence + " of view "
                    + def.name() + " (the previous one stays in use): " + e);
        } finally {
            pauseMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        }
    }

    /** SHOW MATERIALIZED VIEWS' checkpoint, checkpoint_age_ms, checkpoint_bytes, checkpoint_pause_ms, restored_from. */
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

    /** A checkpoint that exists but cannot be restored: the view is rebuilt from its inputs instead. */
    static final class RestoreFailed extends RuntimeException {
        RestoreFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
