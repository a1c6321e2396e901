package dev.runnel.exec.plan;

import dev.runnel.exec.operator.OperatorMetrics;
import java.util.List;

/**
 * The {@link OperatorMetrics} of every stage of one {@link Pipeline} (sources first, then operators
 * root first), with totals for what the engine shows per job ({@code SHOW JOBS}, {@code DESCRIBE}).
 * Thread-safe to read while the pipeline runs.
 */
public final class PipelineMetrics {
    private final List<OperatorMetrics> sources;
    private final List<OperatorMetrics> stages;

    PipelineMetrics(List<OperatorMetrics> sources, List<OperatorMetrics> operators) {
        this.sources = List.copyOf(sources);
        List<OperatorMetrics> all = new java.util.ArrayList<>(sources);
        all.addAll(operators);
        this.stages = List.copyOf(all);
    }

    /** Sources, then operators. */
    public List<OperatorMetrics> stages() {
        return stages;
    }

    /** Rows the sources have emitted (what a job has read). */
    public long rowsIn() {
        long n = 0;
        for (OperatorMetrics m : sources) {
            n += m.rowsOut();
        }
        return n;
    }

    /** Late rows dropped by every windowed operator (late = 'drop', or beyond the allowed lateness). */
    public long lateRowsDropped() {
        long n = 0;
        for (OperatorMetrics m : stages) {
            n += m.lateRowsDropped();
        }
        return n;
    }

    /** Late rows written to route targets (late = 'route'). */
    public long lateRowsRouted() {
        long n = 0;
        for (OperatorMetrics m : stages) {
            n += m.lateRowsRouted();
        }
        return n;
    }

    /** Late rows that updated an emitted window (late = 'update'). */
    public long lateRowsUpdating() {
        long n = 0;
        for (OperatorMetrics m : stages) {
            n += m.lateRowsUpdating();
        }
        return n;
    }

    /** The smallest watermark the sources have emitted ({@code Long.MIN_VALUE} until every source emitted one). */
    public long sourceWatermark() {
        long w = Long.MAX_VALUE;
        for (OperatorMetrics m : sources) {
            w = Math.min(w, m.watermark());
        }
        return sources.isEmpty() ? Long.MIN_VALUE : w;
    }

    /** Approximate bytes of operator state (window groups, sessions, ...). */
    public long stateBytes() {
        long n = 0;
        for (OperatorMetrics m : stages) {
            n += m.stateBytes();
        }
        return n;
    }

    @Override
    public String toString() {
        return stages.toString();
    }
}
