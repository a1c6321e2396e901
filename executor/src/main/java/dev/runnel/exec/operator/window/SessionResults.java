package dev.runnel.exec.operator.window;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.ChangeKind;
import dev.runnel.exec.operator.OperatorMetrics;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.aggregate.GroupedAggregates;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.RowSchema;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Computes and emits the results of sessions from their stored rows: the rows are fed to fresh
 * {@link GroupedAggregates} in chunks of at most {@link Vectors#MAX_BATCH_ROWS}, one group per
 * session (a session's rows share their group keys), then one output row per session in the given
 * order. Single-threaded.
 */
final class SessionResults {
    private final RowSchema storedSchema;
    private final List<AggregateCall> storedCalls;
    private final int[] storedGroupKeys;
    private final WindowResults results;
    private final OperatorMetrics metrics;
    private final BufferAllocator allocator;
    private final int[] chunkRows = new int[Vectors.MAX_BATCH_ROWS];
    private final int[] chunkGroups = new int[Vectors.MAX_BATCH_ROWS];
    private final int[] identity = new int[Vectors.MAX_BATCH_ROWS];

    /**
     * @param storedSchema the columns of the session row store
     * @param storedCalls the aggregate calls over those columns
     * @param storedGroupKeys where the group keys are among them
     */
    SessionResults(RowSchema storedSchema, List<AggregateCall> storedCalls, int[] storedGroupKeys,
            WindowResults results, OperatorMetrics metrics, BufferAllocator allocator) {
        this.storedSchema = storedSchema;
        this.storedCalls = storedCalls;
        this.storedGroupKeys = storedGroupKeys;
        this.results = results;
        this.metrics = metrics;
        this.allocator = allocator;
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
    }

    /** Emits one row of kind {@code kind} per session: its group keys, bounds and aggregates over its rows in {@code store}. */
    void emit(RowBuffer store, List<Session> sessions, ChangeKind kind, Output output) {
        if (!results.shows(kind) || sessions.isEmpty()) {
            return;
        }
        GroupedAggregates aggregates = new GroupedAggregates(storedCalls, store.types());
        aggregates.ensureGroups(sessions.size());
        try (VectorSchemaRoot chunk = Vectors.newRoot(storedSchema, allocator)) {
            int k = 0;
            for (int si = 0; si < sessions.size(); si++) {
                IntList rows = sessions.get(si).rows;
                for (int i = 0; i < rows.size(); i++) {
                    chunkRows[k] = rows.get(i);
                    chunkGroups[k] = si;
                    if (++k == chunkRows.length) {
                        fold(store, chunk, aggregates, k);
                        k = 0;
                    }
                }
            }
            fold(store, chunk, aggregates, k);
        }
        for (int first = 0; first < sessions.size(); first += Vectors.MAX_BATCH_ROWS) {
            int n = Math.min(Vectors.MAX_BATCH_ROWS, sessions.size() - first);
            VectorSchemaRoot out = results.start(n);
            for (int i = 0; i < n; i++) {
                Session s = sessions.get(first + i);
                for (int c = 0; c < storedGroupKeys.length; c++) {
                    store.column(storedGroupKeys[c]).write(s.rows.get(0), out.getVector(c), i);
                }
                results.window(i, s.start, s.end);
                results.changeKind(i, kind);
            }
            aggregates.write(first, n, out, results.firstAggregateColumn());
            results.emit(n, output);
            metrics.addRowsOut(n);
        }
    }

    private void fold(RowBuffer store, VectorSchemaRoot chunk, GroupedAggregates aggregates, int rows) {
        if (rows == 0) {
            return;
        }
        Vectors.allocate(chunk, rows);
        store.write(chunkRows, 0, rows, chunk, 0);
        chunk.setRowCount(rows);
        aggregates.add(chunkGroups, identity, rows, chunk);
    }
}
