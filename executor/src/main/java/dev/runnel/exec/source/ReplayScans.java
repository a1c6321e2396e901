package dev.runnel.exec.source;

import dev.runnel.exec.operator.BatchSource;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.ScanSourceFactory;
import dev.runnel.log.LogStore;
import dev.runnel.planner.physical.ScanNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Scans for running a query the way a push query, job or view runs it, over a log that already
 * holds every event: the plan is built as continuous ({@link #unbounded()} is true, so GROUP BYs
 * emit changelogs, regular joins run as {@code StreamingJoinOperator}, windows fire on watermarks
 * as they advance), but each scan ends at the log end it found when it opened, after its final
 * watermark, so the run ends. The sources say they are unbounded, so a plan with several takes
 * turns between them as a continuous one does (the inputs advance together, as Flink's sources do),
 * instead of reading one input to its end before the next. What Flink's streaming mode does with
 * bounded sources: how the Nexmark harness and the JMH benchmarks of continuous operators run them.
 */
public final class ReplayScans implements ScanSourceFactory {
    private final LogScanSourceFactory bounded;

    public ReplayScans(LogStore store) {
        this.bounded = LogScanSourceFactory.bounded(store);
    }

    @Override
    public boolean unbounded() {
        return true;
    }

    @Override
    public BatchSource create(ScanNode scan, OperatorContext context) {
        return new TakingTurns(bounded.create(scan, context));
    }

    @Override
    public BatchSource changes(ScanNode scan, OperatorContext context) {
        return new TakingTurns(bounded.changes(scan, context));
    }

    /** A bounded source that asks the pipeline to poll it in turn with the others. */
    private record TakingTurns(BatchSource source) implements BatchSource {
        @Override
        public void open(OperatorContext context) {
            source.open(context);
        }

        @Override
        public void run(Output output) {
            source.run(output);
        }

        @Override
        public Poll poll(Output output) {
            return source.poll(output);
        }

        @Override
        public boolean unbounded() {
            return true;
        }

        @Override
        public Optional<DataWait> dataWait() {
            return source.dataWait();
        }

        @Override
        public void await(long millis) {
            source.await(millis);
        }

        @Override
        public void cancel() {
            source.cancel();
        }

        @Override
        public void snapshot(DataOutputStream out) throws IOException {
            source.snapshot(out);
        }

        @Override
        public void restore(DataInputStream in) throws IOException {
            source.restore(in);
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
