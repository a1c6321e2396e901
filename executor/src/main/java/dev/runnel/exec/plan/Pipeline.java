package dev.runnel.exec.plan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import dev.runnel.exec.operator.BatchSource;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicPartition;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A runnable plan made by {@link PlanBuilder}: operators chained by {@link Output}s, with batch
 * sources at the leaves and the caller's sink at the root. {@link #run} drives the sources to
 * completion on the calling thread, one after another in build order (a join's build side before
 * its probe side); a source whose consumer needs no more input (a LIMIT reached) is stopped early
 * or skipped, and its consumer's input is still ended. {@link #cancel} may be called from any
 * thread; {@link #close} releases every operator, source and allocator, and fails if memory leaked.
 * Sources' watermarks reach their consumers as {@link Operator#onWatermark}; {@link #metrics} shows
 * what each stage counted. A plan with several sources of which one never ends (a continuous join
 * of two streams) runs its sources interleaved instead: each {@link BatchSource#poll}s in turn on
 * the calling thread, and when none had anything the run waits for data in any of them.
 * Call order: {@link #run} at most once, then {@link #close}.
 */
public final class Pipeline implements AutoCloseable {
    /** An operator with its context (its own allocator). */
    record Stage(Operator operator, OperatorContext context, Output output) {}

    /** A source, its context and the output its batches go to. */
    /**
     * A source and where its batches go. A source that {@code leads} is read, when the sources take
     * turns, until it has nothing more for now (or ends, or 30 s passed) before any other is polled
     * the first time: the table a lookup join looks rows up in is there before the first row looks.
     */
    record SourceStage(BatchSource source, OperatorContext context, Output output, boolean leads) {
        SourceStage(BatchSource source, OperatorContext context, Output output) {
            this(source, context, output, false);
        }
    }

    private final BufferAllocator allocator;
    private final List<Stage> stages;
    private final List<SourceStage> sources;
    private final PipelineMetrics metrics;
    private volatile boolean cancelled;
    private volatile SourceStage current;
    private Hooks hooks = Hooks.NONE;
    /** The index of the source running (those before it have finished), or where a restored run resumes. */
    private int sourceIndex;
    private boolean ran;
    private boolean closed;
    /** Interleaved runs: which sources finished (their consumers' inputs ended). */
    private final boolean[] finished;
    private final boolean interleave;
    /** Interleaved runs: the source being polled, -1 between rounds (or where a restored run continues). */
    private int polling = -1;
    /**
     * How long leading sources are read before the others start, at most: a table written faster than
     * it is read would otherwise keep the rows that look it up waiting for ever.
     */
    private static final long LEAD_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    /** How long an interleaved run waits for data at most before it polls every source again. */
    private static final long WAIT_MILLIS = 100;

    /** Shared with every operator's context ({@link OperatorContext#checkCancelled}). */
    private final java.util.concurrent.atomic.AtomicBoolean cancelFlag;

    Pipeline(BufferAllocator allocator, List<Stage> stages, List<SourceStage> sources,
            java.util.concurrent.atomic.AtomicBoolean cancelFlag) {
        this(allocator, stages, sources, cancelFlag, false);
    }

    /** @param interleave whether several bounded sources take turns too (a join that needs both to advance together) */
    Pipeline(BufferAllocator allocator, List<Stage> stages, List<SourceStage> sources,
            java.util.concurrent.atomic.AtomicBoolean cancelFlag, boolean interleave) {
        this.allocator = allocator;
        this.cancelFlag = cancelFlag;
        this.stages = List.copyOf(stages);
        this.sources = List.copyOf(sources);
        this.finished = new boolean[this.sources.size()];
        this.interleave = interleave;
        this.metrics = new PipelineMetrics(this.sources.stream().map(s -> s.context().metrics()).toList(),
                this.stages.stream().map(s -> s.context().metrics()).toList());
    }

    /** Counters of every source and operator (late rows, watermarks, ...); readable from any thread. */
    public PipelineMetrics metrics() {
        return metrics;
    }

    /** The allocator every operator's allocator descends from (for memory accounting). */
    public BufferAllocator allocator() {
        return allocator;
    }

    /** Operators in build order (the root first). */
    public List<Operator> operators() {
        List<Operator> ops = new ArrayList<>();
        for (Stage s : stages) {
            ops.add(s.operator());
        }
        return Collections.unmodifiableList(ops);
    }

    /**
     * Runs every source to completion and delivers the results to the sink, which receives
     * {@link Output#finish()} at the end.
     *
     * @throws RunnelSqlException with SQLSTATE 57014 if cancelled; any operator error as is
     */
    public void run() {
        run(Hooks.NONE);
    }

    /**
     * What a run tells its driver, on the driver thread: the moment everything is open and no batch
     * has flowed (where a checkpoint is restored), and each moment between source batches when every
     * operator has handled all it was given (where a checkpoint can be taken: the pipeline is
     * single-threaded, so this is the aligned barrier of a distributed engine).
     */
    public interface Hooks {
        Hooks NONE = new Hooks() {};

        /** Every operator and source is open; no batch has flowed yet. */
        default void opened(Pipeline pipeline) {}

        /** A source batch (or watermark) went through every operator, or the sources wait for input. */
        default void between(Pipeline pipeline) {}
    }

    /** As {@link #run()}, telling {@code hooks} when state can be restored and snapshotted. */
    public void run(Hooks hooks) {
        if (ran || closed) {
            throw new IllegalStateException("a pipeline runs once, before close");
        }
        ran = true;
        for (Stage s : stages) {
            s.operator().open(s.context(), s.output());
        }
        for (SourceStage s : sources) {
            s.source().open(s.context());
        }
        this.hooks = hooks;
        hooks.opened(this);
        if (interleaved()) {
            runInterleaved();
            return;
        }
        for (; sourceIndex < sources.size(); sourceIndex++) {
            SourceStage s = sources.get(sourceIndex);
            checkCancelled();
            SourceOutput out = new SourceOutput(s);
            if (s.output().needsMoreInput()) {
                current = s;
                try {
                    s.source().run(out);
                } finally {
                    current = null;
                }
                checkCancelled();
            }
            out.finish();
        }
    }

    /**
     * Whether the sources take turns ({@link BatchSource#poll}) instead of running one after
     * another: when there are several and one of them never ends (a continuous join of two streams),
     * or when the plan asked for it (an interval join, whose state stays small when both inputs advance
     * together).
     */
    boolean interleaved() {
        return sources.size() > 1 && (interleave || sources.stream().anyMatch(s -> s.source().unbounded()));
    }

    /**
     * Polls the unfinished sources round-robin on this thread; when none had anything, waits for new
     * data in any of them (one {@link LogStore#awaitData} call when they read the same
     * log, else a short wait on each), never spinning. A source whose consumer needs no more input is
     * cancelled and its consumer's input ended.
     */
    private void runInterleaved() {
        List<SourceOutput> outs = new ArrayList<>();
        for (SourceStage s : sources) {
            outs.add(new SourceOutput(s));
        }
        int first = Math.max(polling, 0); // a restored run continues the round it was in
        long leadUntil = System.nanoTime() + LEAD_NANOS;
        for (int i = 0; i < sources.size(); i++) {
            SourceStage s = sources.get(i);
            if (s.leads() && !finished[i]) {
                BatchSource.Poll poll;
                do {
                    checkCancelled();
                    poll = s.source().poll(outs.get(i));
                } while (poll == BatchSource.Poll.MORE && System.nanoTime() < leadUntil);
                if (poll == BatchSource.Poll.DONE) {
                    finishSource(i, outs.get(i));
                }
            }
        }
        while (true) {
            checkCancelled();
            boolean open = false;
            boolean progress = false;
            for (int i = first; i < sources.size(); i++) {
                polling = i;
                if (finished[i]) {
                    continue;
                }
                SourceStage s = sources.get(i);
                SourceOutput out = outs.get(i);
                if (!s.output().needsMoreInput()) {
                    s.source().cancel();
                    finishSource(i, out);
                    continue;
                }
                BatchSource.Poll poll = s.source().poll(out);
                checkCancelled();
                if (poll == BatchSource.Poll.DONE) {
                    finishSource(i, out);
                    progress = true;
                    continue;
                }
                open = true;
                progress |= poll == BatchSource.Poll.MORE;
            }
            polling = -1;
            if (first > 0) {
                first = 0;
                continue; // the rest of a restored round; the sources before it have not been polled yet
            }
            if (!open) {
                return;
            }
            if (!progress) {
                awaitAny();
            }
        }
    }

    private void finishSource(int i, SourceOutput out) {
        finished[i] = true;
        out.finish();
    }

    /** Waits until an unfinished (idle) source may have data, or a short while passes. */
    private void awaitAny() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        LogStore store = null;
        boolean shared = true;
        List<BatchSource> idle = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            if (finished[i]) {
                continue;
            }
            BatchSource source = sources.get(i).source();
            idle.add(source);
            Optional<BatchSource.DataWait> wait = source.dataWait();
            if (wait.isEmpty() || (store != null && store != wait.get().store())) {
                shared = false;
            } else {
                store = wait.get().store();
                positions.putAll(wait.get().positions());
            }
        }
        if (shared && store != null) {
            try {
                store.awaitData(positions, WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
            } catch (dev.runnel.log.UnavailableException e) {
                // the store is briefly unreachable: each source waits on its own and says so (LogScanSource)
                for (BatchSource source : idle) {
                    source.await(WAIT_MILLIS / idle.size());
                }
            }
            return;
        }
        for (BatchSource source : idle) {
            source.await(WAIT_MILLIS / idle.size());
        }
    }

    /**
     * Writes the state of every operator and source, each as a section (its class name, then its
     * bytes with their length), so that {@link #restore} on the same plan built again can check it
     * reads what it wrote. Only between batches (from {@link Hooks}). The header is the operator
     * count, the source count and the index of the source running (ints): sources are run one after
     * another, so those before it have finished and a restored run does not run or end them again.
     * When the sources take turns ({@link #interleaved}) the index is -2, followed by whether each
     * source finished (booleans) and the index of the source being polled (int, -1 between rounds):
     * a restored run continues the round there, so sources take turns as in the interrupted run.
     */
    public void snapshot(DataOutputStream out) throws IOException {
        out.writeInt(stages.size());
        out.writeInt(sources.size());
        if (interleaved()) {
            out.writeInt(INTERLEAVED);
            for (boolean f : finished) {
                out.writeBoolean(f);
            }
            out.writeInt(polling);
        } else {
            out.writeInt(sourceIndex);
        }
        for (Stage s : stages) {
            section(out, s.operator().getClass().getName(), s.operator()::snapshot);
        }
        for (SourceStage s : sources) {
            section(out, s.source().getClass().getName(), s.source()::snapshot);
        }
    }

    /** Reads back what {@link #snapshot} wrote for this plan; only from {@link Hooks#opened}. */
    public void restore(DataInputStream in) throws IOException {
        if (in.readInt() != stages.size() || in.readInt() != sources.size()) {
            throw new IOException("the checkpoint is of another plan (operator or source count differs)");
        }
        int running = in.readInt();
        if (running == INTERLEAVED) {
            if (!interleaved()) {
                throw new IOException("the checkpoint is of a plan whose sources take turns, this one runs them in order");
            }
            for (int i = 0; i < finished.length; i++) {
                finished[i] = in.readBoolean();
            }
            polling = in.readInt();
            if (polling < -1 || polling >= sources.size()) {
                throw new IOException("damaged checkpoint: source " + polling + " of " + sources.size() + " was polled");
            }
            running = 0;
        } else if (interleaved()) {
            throw new IOException("the checkpoint is of a plan whose sources run in order, this one's take turns");
        }
        if (running < 0 || running > sources.size()) {
            throw new IOException("damaged checkpoint: source " + running + " of " + sources.size() + " was running");
        }
        sourceIndex = running;
        for (Stage s : stages) {
            restoreSection(in, s.operator().getClass().getName(), s.operator()::restore);
        }
        for (SourceStage s : sources) {
            restoreSection(in, s.source().getClass().getName(), s.source()::restore);
        }
    }

    /** The header value that says the sources take turns (a flag per source follows). */
    private static final int INTERLEAVED = -2;

    private interface StateWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private interface StateReader {
        void read(DataInputStream in) throws IOException;
    }

    private static void section(DataOutputStream out, String name, StateWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            writer.write(data);
        }
        out.writeUTF(name);
        out.writeInt(bytes.size());
        bytes.writeTo(out);
    }

    private static void restoreSection(DataInputStream in, String name, StateReader reader) throws IOException {
        String written = in.readUTF();
        if (!written.equals(name)) {
            throw new IOException("the checkpoint is of another plan: " + written + " where " + name + " runs");
        }
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        try (DataInputStream data = new DataInputStream(new ByteArrayInputStream(bytes))) {
            reader.read(data);
            if (data.available() > 0) {
                throw new IOException(name + " left " + data.available() + " bytes of its state unread");
            }
        }
    }

    /** Stops a running pipeline: the current source is cancelled and {@link #run} fails with 57014. */
    public void cancel() {
        cancelled = true;
        cancelFlag.set(true);
        SourceStage s = current;
        if (s != null) {
            s.source().cancel();
        }
        if (interleaved()) {
            for (SourceStage each : sources) {
                each.source().cancel();
            }
        }
    }

    private void checkCancelled() {
        if (cancelled) {
            throw new RunnelSqlException("57014", "query cancelled", SourcePos.UNKNOWN);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (Stage s : stages) {
            failure = closeQuietly(s.operator(), failure);
        }
        for (SourceStage s : sources) {
            failure = closeQuietly(s.source(), failure);
        }
        for (Stage s : stages) {
            failure = closeQuietly(s.context().allocator(), failure);
        }
        for (SourceStage s : sources) {
            failure = closeQuietly(s.context().allocator(), failure);
        }
        failure = closeQuietly(allocator, failure);
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException closeQuietly(AutoCloseable c, RuntimeException failure) {
        try {
            c.close();
        } catch (Exception e) {
            RuntimeException re = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            if (failure == null) {
                return re;
            }
            failure.addSuppressed(re);
        }
        return failure;
    }

    /**
     * What a source emits into: forwards batches and advancing watermarks to its consumer (counting
     * them in the source's metrics), stops the source once the consumer needs no more, unwinds on
     * cancel, and finishes the consumer exactly once.
     */
    private final class SourceOutput implements Output {
        private final SourceStage stage;
        private boolean finished;
        private long lastWatermark = Long.MIN_VALUE;

        SourceOutput(SourceStage stage) {
            this.stage = stage;
        }

        @Override
        public void emit(VectorSchemaRoot batch) {
            checkCancelled();
            if (finished || !stage.output().needsMoreInput()) {
                return;
            }
            stage.context().metrics().addRowsOut(batch.getRowCount());
            stage.output().emit(batch);
            if (!stage.output().needsMoreInput()) {
                stage.source().cancel();
            }
            hooks.between(Pipeline.this);
        }

        @Override
        public void watermark(long watermark) {
            checkCancelled();
            if (!finished && watermark > lastWatermark) {
                lastWatermark = watermark;
                stage.context().metrics().watermark(watermark);
                stage.output().watermark(watermark);
                hooks.between(Pipeline.this);
            }
        }

        @Override
        public void idle() {
            checkCancelled();
            if (!finished) {
                hooks.between(Pipeline.this);
            }
        }

        @Override
        public void finish() {
            if (!finished) {
                finished = true;
                stage.output().finish();
            }
        }

        @Override
        public boolean needsMoreInput() {
            return !finished && stage.output().needsMoreInput();
        }
    }
}
