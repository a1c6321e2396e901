package dev.runnel.exec.plan;

import java.util.List;
import dev.runnel.exec.operator.BatchSource;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.planner.physical.ScanNode;

/**
 * Makes the source for a {@link ScanNode}: batches of the scan's {@code schema()} (the relation's
 * {@code columns()} picked from its full row), at most a few thousand rows each, allocated from the
 * context's allocator. The log-backed implementation lives with the sources; tests use in-memory
 * ones. {@link PlanBuilder} calls it once per scan while building; {@link BatchSource#open} follows
 * when the pipeline runs, with the same context; {@link BatchSource#close} always comes, even
 * without an open when the run failed before reaching the source. Batches the source emits are
 * valid only during the emit; a consumer that needs no more may have the pipeline call
 * {@link BatchSource#cancel}, after which {@code run} should return soon (finishing its output is
 * then optional). Implementations must be thread-safe.
 */
public interface ScanSourceFactory {
    BatchSource create(ScanNode scan, OperatorContext context);

    /**
     * For a continuous scan of a TABLE: a source of the changes its topic records, batches of the
     * scan's schema plus a change-kind column ({@code Changelog}): {@code +I} for a record that
     * upserts its key's row, {@code -D} for one that deletes the key (only the key columns set), in
     * log order. What the rows replace is not known here: {@code ChangelogNormalizeOperator} makes
     * the changelog from them. The scan's columns include the primary key. Unsupported by default.
     */
    default BatchSource changes(ScanNode scan, OperatorContext context) {
        throw new UnsupportedOperationException("this source factory cannot read the changes of table '"
                + scan.relation().name() + "'");
    }

    /**
     * A source that reads only the rows whose key columns ({@code keyColumns}, indices into the
     * relation's columns) equal {@code keys} (one list of values per key, in that order), when the
     * relation can look keys up without a scan (a materialized view); empty otherwise (the default).
     * The caller still filters the rows.
     */
    default java.util.Optional<BatchSource> lookup(ScanNode scan, List<Integer> keyColumns, List<List<Object>> keys,
            OperatorContext context) {
        return java.util.Optional.empty();
    }

    /** Whether the sources tail their topics without end (push queries, jobs); default false. */
    default boolean unbounded() {
        return false;
    }
}
