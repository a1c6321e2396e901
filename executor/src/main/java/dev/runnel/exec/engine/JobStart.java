package dev.runnel.exec.engine;

import dev.runnel.exec.catalog.JobDef;
import dev.runnel.exec.checkpoint.CheckpointStore;
import dev.runnel.exec.checkpoint.KafkaCheckpoints;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.sink.EpochOutput;
import dev.runnel.exec.sink.LogLateRowSinks;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.exec.source.LowestScanPositions;
import dev.runnel.exec.source.ScanProgressListener;
import dev.runnel.exec.source.StartPositions;
import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.UnavailableException;
import dev.runnel.log.kafka.KafkaLogStore;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.ddl.CreateViewPlanner;
import dev.runnel.planner.ddl.ScanStart;
import dev.runnel.planner.ddl.SettingsPlanner;
import dev.runnel.sql.RunnelSqlException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One run of a persistent job in this process ({@link Jobs}): builds its pipeline — unbounded
 * scans from its start positions ({@link JobStartPositions}) ▶ operators ▶ {@link LogSink} into
 * an {@link EpochOutput} that holds the output until the next checkpoint — with its
 * {@link Checkpoints}, and drives it on a query thread until it ends, fails or is stopped. A run
 * whose log became unreachable is handed to {@code restart}. Thread-safe (holds no state of its own).
 */
final class JobStart {
    private static final System.Logger LOG = System.getLogger(JobStart.class.getName());
    private static final ExprCompiler COMPILER = new ExprCompiler();

    private final RunnelEngine engine;
    private final LogLateRowSinks late;
    private final BooleanSupplier clustered;
    private final Consumer<RunningJob> restart;

    /** {@code clustered}: whether checkpoints go to Kafka (this process is one of a cluster). */
    JobStart(RunnelEngine engine, LogLateRowSinks late, BooleanSupplier clustered, Consumer<RunningJob> restart) {
        this.engine = engine;
        this.late = late;
        this.clustered = clustered;
        this.restart = restart;
    }

    /** A run of job {@code def}, built but not started. */
    RunningJob build(JobDef def, PlannedStatement.Insert insert) {
        RunningJob run = new RunningJob(def);
        run.reads = CreateViewPlanner.reads(insert.source());
        String group = def.groupId();
        ConsumerGroups groups = engine.log().groups();
        StartPositions starts = new JobStartPositions(engine.log(), group,
                ScanStart.parse(def.scanStart()).orElse(ScanStart.EARLIEST), topic -> false);
        Map<TopicPartition, Long> progressed = new ConcurrentHashMap<>();
        ScanProgressListener progress = new LowestScanPositions(progressed::put);
        LogScanSourceFactory sources = LogScanSourceFactory.unbounded(engine.log()).withStart(starts)
                .withProgress(progress).withDeadLetterListener(engine.scanDeadLetters());
        RelationDef target = insert.target();
        EpochOutput held = new EpochOutput(engine.log(), target.storage().topic(), target.storage().partitions(),
                producerId(def.name()), URGENT_BYTES);
        run.output = held;
        LogSink sink = new LogSink(held, target, engine.allocator(), engine.config().clock());
        Output out = new Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                sink.write(batch);
            }

            @Override
            public void finish() {}
        };
        run.checkpoints = checkpoints(def, new Checkpoints.Attachment() {
            private Map<TopicPartition, Long> positions = Map.of();

            @Override
            public void snapshot(java.io.DataOutputStream o, org.apache.arrow.memory.BufferAllocator a)
                    throws java.io.IOException {
                positions = Map.copyOf(progressed);
                held.snapshot(o);
            }

            @Override
            public void restore(java.io.DataInputStream in, org.apache.arrow.memory.BufferAllocator a)
                    throws java.io.IOException {
                held.restore(in);
            }

            @Override
            public void restored(long sequence) {
                held.recover(sequence);
            }

            @Override
            public void committed(long sequence) {
                held.commit(sequence);
                if (!positions.isEmpty()) {
                    groups.commit(group, null, -1, positions);
                }
                run.checkpointNow = false;
                run.commits++;
            }

            @Override
            public boolean urgent() {
                return run.checkpointNow || held.urgent();
            }
        });
        Pipeline pipeline = new PlanBuilder(COMPILER, engine.views().scans(sources), late)
                .withStateTtl(SettingsPlanner.stateTtlMillis(java.util.Collections.singletonMap("state.ttl",
                        def.stateTtl())))
                .build(insert.source(), Searches.isSearchJob(def) ? engine.searches().operatorFor(def, insert) : null,
                        out, engine.allocator(), List.of(), engine.config().clock());
        run.pipeline = pipeline;
        return run;
    }

    /** Held output past which a job checkpoints before its interval (bounds the memory it holds). */
    private static final long URGENT_BYTES = 32L << 20;
    /** Bumped when the layout of a job's checkpointed state changes: older checkpoints are then not used. */
    private static final String STATE_FORMAT = "runnel-job-state-1";

    /**
     * A job's checkpoints, in {@code <data-dir>/job-checkpoints/<job>/}; in a cluster in the internal
     * Kafka topic {@code __job-<job>.checkpoints}, so the process that takes the job over continues
     * from its last checkpoint — state, held output and all — as a restart of this one would.
     */
    Checkpoints checkpoints(JobDef def, Checkpoints.Attachment attachment) {
        java.util.OptionalLong set = def.checkpointInterval() == null ? java.util.OptionalLong.empty()
                : dev.runnel.planner.ddl.Durations.parseMillis(def.checkpointInterval());
        CheckpointStore store = clustered.getAsBoolean() && engine.log() instanceof KafkaLogStore kafka
                ? new CheckpointStore(new KafkaCheckpoints(kafka, checkpointTopic(def.name())))
                : new CheckpointStore(engine.dataDir().resolve("job-checkpoints").resolve(key(def.name())));
        return new Checkpoints("job " + def.name(), store, STATE_FORMAT + "\n" + def.sql() + "\n" + def.scanStart(),
                set.orElse(Checkpoints.DEFAULT_JOB_INTERVAL_MILLIS), set.isEmpty(), true, attachment);
    }

    /** The internal topic of a job's checkpoints in a cluster. */
    static String checkpointTopic(String job) {
        return "__job-" + key(job) + ".checkpoints";
    }

    /** The id a job's output batches are tagged with: the same for the job across restarts. */
    static long producerId(String jobName) {
        byte[] b = ("job:" + key(jobName)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.UUID.nameUUIDFromBytes(b).getMostSignificantBits() & Long.MAX_VALUE;
    }

    void drive(RunningJob run) {
        Pipeline p = run.pipeline;
        try {
            p.run(run.checkpoints.hooks(engine.config().clock()));
            run.state = "STOPPED";
            run.reason = "its input ended";
        } catch (RuntimeException e) {
            if (run.stopping) {
                run.state = "STOPPED";
            } else if (unavailable(e)) {
                run.state = "RESTARTING";
                run.reason = "its log is unreachable (" + e.getMessage() + "); restarting from its newest checkpoint";
                LOG.log(System.Logger.Level.WARNING, "job " + run.def.name() + ": " + run.reason);
                restart.accept(run);
            } else {
                run.state = "FAILED";
                run.reason = e instanceof RunnelSqlException r ? r.detail() : e.toString();
                LOG.log(System.Logger.Level.WARNING, "job " + run.def.name() + " failed: " + run.reason);
            }
        } finally {
            try {
                p.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "job " + run.def.name() + " did not close cleanly: " + e);
            } finally {
                run.done.countDown();
            }
        }
    }

    /** Whether {@code e} (or a cause) says the log could not be reached: worth a restart, not a failure. */
    static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnavailableException) {
                return true;
            }
        }
        return false;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
