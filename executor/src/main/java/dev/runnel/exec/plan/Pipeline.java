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
import java.util.List;
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
 * what each stage counted.
 * Call order: {@link #run} at most once, then {@link #close}.
 */
public final class Pipeline implements AutoCloseable {
    /** An operator with its context (its own allocator). */
    record Stage(Operator operator, OperatorContext context, Output output) {}

    /** A source, its context and the output its batches go to. */
    record SourceStage(BatchSource source, OperatorContext context, Output output) {}

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

    /** Shared with every operator's context ({@link OperatorContext#checkCancelled}). */
    private final java.util.concurrent.atomic.AtomicBoolean cancelFlag;

    Pipeline(BufferAllocator allocator, List<Stage> stages, List<SourceStage> sources,
            java.util.concurrent.atomic.AtomicBoolean cancelFlag) {
        this.allocator = allocator;
        this.cancelFlag = cancelFlag;
        this.stages = List.copyOf(stages);
        this.sources = List.copyOf(sources);
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
     * Writes the state of every operator and source, each as a section (its class name, then its
     * bytes with their length), so that {@link #restore} on the same plan built again can check it
     * reads what it wrote. Only between batches (from {@link Hooks}). The header is the operator
     * count, the source count and the index of the source running (ints): sources are run one after
     * another, so those before it have finished and a restored run does not run or end them again.
     */
    public void snapshot(DataOutputStream out) throws IOException {
        out.writeInt(stages.size());
        out.writeInt(sources.size());
        out.writeInt(sourceIndex);
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
