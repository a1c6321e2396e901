package dev.runnel.exec.cluster;

import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PipelineMetrics;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.exec.source.ScanProgressListener;
import dev.runnel.exec.source.StartPositions;
import dev.runnel.exec.source.WatermarkRecords;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.KafkaLogStore;
import dev.runnel.log.kafka.KafkaTransaction;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.ddl.ScanStart;
import dev.runnel.planner.physical.PhysicalNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One task of a view shared by a cluster, run on its own thread by the process that holds it: its
 * query over its partitions, its output encoded into records for its target topic and held, and
 * every {@code intervalMillis} (between batches) one Kafka transaction with the held output, the
 * pipeline's state ({@link TaskState}) and, for a task reading a stream, its positions as the
 * offsets of the view's consumer group (so Kafka's tools show its lag). <b>Exactly-once</b>: the
 * task opens its transactional writer (fencing the previous holder and aborting its open
 * transaction) before it reads its state, so it continues from the last committed snapshot, and
 * everything after it — output and state alike — is redone once; the old holder, if it still
 * runs, can commit nothing more.
 *
 * <p>A failure other than being fenced (the broker went away, say) restarts the task from its
 * last committed state after a back-off; being fenced ends it (its partition is someone else's).
 */
final class ClusterTask {
    private static final System.Logger LOG = System.getLogger(ClusterTask.class.getName());

    /**
     * What a task is: its name, query, reads, output, state and commit settings; {@code starts}
     * says where it reads a partition when it has no committed state (a view's tasks: the start).
     */
    record Spec(String name, String transactionalId, PhysicalNode query, BiPredicate<String, Integer> partitions,
            RelationDef target, TopicPartition stateTopic, String fingerprint, Optional<String> offsetsGroup,
            long intervalMillis, int watermarkSlot, StartPositions starts) {
        Spec(String name, String transactionalId, PhysicalNode query, BiPredicate<String, Integer> partitions,
                RelationDef target, TopicPartition stateTopic, String fingerprint, Optional<String> offsetsGroup,
                long intervalMillis, int watermarkSlot) {
            this(name, transactionalId, query, partitions, target, stateTopic, fingerprint, offsetsGroup,
                    intervalMillis, watermarkSlot, null);
        }
    }

    private final KafkaLogStore store;
    private final Spec spec;
    private final TaskPipelines pipelines;
    private final BufferAllocator allocator;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean stopping;
    /** Commit what is done at the next barrier, then stop (a graceful hand-off). */
    private volatile boolean handOff;
    private volatile Pipeline pipeline;
    private volatile String state = "STARTING";
    private volatile long committedAt = -1;
    private volatile long commits;
    private volatile long rowsOut;
    /** A standby's copy of the task's state partition to restore from (once), or null: read the topic. */
    private volatile StateMirror standby;
    private volatile StateRestores restores = new StateRestores();
    private volatile StateChunks chunks;
    private final SnapshotBytes snapshotBytes = new SnapshotBytes();

    ClusterTask(KafkaLogStore store, Spec spec, TaskPipelines pipelines, BufferAllocator allocator, Clock clock) {
        this.store = store;
        this.spec = spec;
        this.pipelines = pipelines;
        this.allocator = allocator;
        this.clock = clock;
        this.thread = new Thread(this::loop, "runnel-task-" + spec.name());
        thread.setDaemon(true);
    }

    String name() {
        return spec.name();
    }

    String state() {
        return state;
    }

    long commits() {
        return commits;
    }

    long committedAt() {
        return committedAt;
    }

    long rowsOut() {
        return rowsOut;
    }

    /** The running pipeline's metrics, or null between runs. */
    PipelineMetrics metrics() {
        Pipeline p = pipeline;
        return p == null ? null : p.metrics();
    }

    void start() {
        thread.start();
    }

    /**
     * Before {@link #start}: restore from {@code mirror} (a standby's copy of the task's state
     * partition, or null: read the partition from its start) and note restores in {@code log}.
     */
    void useState(StateMirror mirror, StateRestores log) {
        this.standby = mirror;
        this.restores = log;
    }

    /** The incremental state writer of the running task, or null before its restore. */
    StateChunks stateChunks() {
        return chunks;
    }

    /**
     * Tells the task to commit its work at the next barrier (between batches, or while it waits for
     * input) and then stop: the next holder continues exactly there, redoing nothing.
     */
    void handOff() {
        handOff = true;
        stopping = true;
        if (pipeline == null) {
            cancel(); // not running yet (restoring, or opening its writer): nothing to commit
        }
    }

    /** Tells the task to stop; work since its last commit is left to the next holder. */
    void cancel() {
        stopping = true;
        Pipeline p = pipeline;
        if (p != null) {
            p.cancel(); // wakes a scan waiting for data
        }
    }

    /**
     * Waits up to {@code millis} for the task's thread to end after {@link #cancel}; interrupts it
     * (a wait inside a Kafka client) when it has not ended by half of that.
     */
    void awaitStopped(long millis) {
        try {
            thread.join(Math.max(1, millis / 2));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(Math.max(1, millis / 2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        long backoff = 200;
        while (!stopping) {
            try {
                runOnce();
                return;
            } catch (KafkaTransaction.FencedException e) {
                state = "FENCED";
                LOG.log(System.Logger.Level.INFO, "task " + spec.name() + " runs elsewhere now: " + e.getMessage());
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                state = "RETRYING: " + e.getMessage();
                LOG.log(System.Logger.Level.WARNING, "task " + spec.name() + " failed, restarting from its last"
                        + " committed state in " + backoff + " ms: " + e.getMessage(), e);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void runOnce() {
        try (KafkaTransaction txn = KafkaTransaction.open(store, spec.transactionalId())) {
            StateChunks.Restored restored = restores.restore(store, spec, standby);
            standby = null; // a retry reads the topic: the copy is not kept
            StateChunks stateChunks = new StateChunks(spec.name(), spec.fingerprint(), restored);
            chunks = stateChunks;
            Optional<byte[]> saved = Optional.ofNullable(restored.state());
            Map<TopicPartition, List<Record>> held = new LinkedHashMap<>();
            Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
            LogSink sink = new LogSink(new LogSink.Appender() {
                @Override
                public int records(TopicPartition tp, List<Record> records) {
                    held.computeIfAbsent(tp, k -> new ArrayList<>()).addAll(records);
                    return 1;
                }

                @Override
                public void payload(TopicPartition tp, ByteBuffer payload, int rows, long first, long max) {
                    throw new IllegalStateException("a cluster task writes records");
                }
            }, spec.target(), allocator, clock);
            Output out = new Output() {
                @Override
                public void emit(VectorSchemaRoot batch) {
                    sink.write(batch);
                    rowsOut += batch.getRowCount();
                }

                @Override
                public void watermark(long watermark) {
                    if (spec.watermarkSlot() >= 0) {
                        WatermarkRecords.hold(held, spec.target(), spec.watermarkSlot(), watermark);
                    }
                }

                @Override
                public void finish() {}
            };
            ScanProgressListener progress = (tp, position) -> positions.put(tp, position);
            LogScanSourceFactory scans = LogScanSourceFactory.unbounded(store)
                    .withStart(spec.starts() != null ? spec.starts() : StartPositions.of(store, ScanStart.EARLIEST))
                    .withPartitions(spec.partitions())
                    .withProgress(progress);
            Pipeline p = pipelines.build(spec.query(), scans, out);
            pipeline = p;
            if (stopping) {
                p.cancel();
            }
            try {
                p.run(new Pipeline.Hooks() {
                    private long last = clock.millis();
                    private Map<TopicPartition, Long> committedPositions = Map.of();

                    @Override
                    public void opened(Pipeline pl) {
                        if (saved.isPresent()) {
                            try {
                                pl.restore(new DataInputStream(new ByteArrayInputStream(saved.get())));
                            } catch (IOException e) {
                                throw new UncheckedIOException("cannot restore task " + spec.name(), e);
                            }
                        }
                        state = "RUNNING";
                    }

                    @Override
                    public void between(Pipeline pl) {
                        long now = clock.millis();
                        if (handOff) {
                            Map<TopicPartition, Long> at = Map.copyOf(positions);
                            if (!held.isEmpty() || !at.equals(committedPositions)) {
                                commit(txn, pl, held, at, stateChunks);
                            }
                            state = "HANDED OFF";
                            pl.cancel();
                            return;
                        }
                        if (now - last < spec.intervalMillis()) {
                            return;
                        }
                        last = now;
                        Map<TopicPartition, Long> at = Map.copyOf(positions);
                        if (held.isEmpty() && at.equals(committedPositions)) {
                            return; // nothing new to commit
                        }
                        commit(txn, pl, held, at, stateChunks);
                        committedPositions = at;
                    }
                });
            } finally {
                pipeline = null;
                p.close();
            }
        }
    }

    private void commit(KafkaTransaction txn, Pipeline p, Map<TopicPartition, List<Record>> held,
            Map<TopicPartition, Long> positions, StateChunks stateChunks) {
        SnapshotBytes bytes = snapshotBytes;
        bytes.reset(); // kept between commits: a snapshot is about as large as the last one
        try {
            DataOutputStream data = new DataOutputStream(bytes);
            p.snapshot(data);
            data.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        txn.begin();
        boolean done = false;
        try {
            for (Map.Entry<TopicPartition, List<Record>> e : held.entrySet()) {
                txn.append(e.getKey(), e.getValue());
            }
            txn.append(spec.stateTopic(), stateChunks.write(bytes.buffer(), bytes.size()));
            if (spec.offsetsGroup().isPresent()) {
                txn.commitOffsets(spec.offsetsGroup().get(), positions);
            }
            txn.commit();
            stateChunks.committed();
            done = true;
        } finally {
            if (!done) {
                try {
                    txn.abort();
                } catch (RuntimeException ignored) {
                    // the original failure is the one that matters
                }
            }
        }
        held.clear();
        commits++;
        committedAt = clock.millis();
    }

    /** A snapshot's bytes, handed to the chunker without a copy. */
    private static final class SnapshotBytes extends ByteArrayOutputStream {
        SnapshotBytes() {
            super(64 * 1024);
        }

        byte[] buffer() {
            return buf;
        }
    }
}
