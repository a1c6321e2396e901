package dev.runnel.exec.operator.window;

import dev.runnel.exec.operator.OperatorMetrics;
import dev.runnel.exec.operator.window.LateRowSinks.LateRowSink;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The rows of one input batch that no window could take any more, and what happens to them: under
 * {@code late = 'route'} they are written unchanged to the route target; otherwise (drop, or update
 * past the allowed lateness) they are dropped. Either way they are counted in the operator's
 * metrics, so nothing is dropped silently. Single-threaded.
 */
public final class LateRows {
    private final OperatorMetrics metrics;
    private final LateRowSink route;
    private int[] rows = new int[1024];
    private int count;

    /** @param route where late rows go, or null to drop them */
    public LateRows(OperatorMetrics metrics, LateRowSink route) {
        this.metrics = metrics;
        this.route = route;
    }

    /** Row {@code row} of the current batch is late (call in row order). */
    public void add(int row) {
        if (count == rows.length) {
            rows = java.util.Arrays.copyOf(rows, count * 2);
        }
        rows[count++] = row;
    }

    /** Routes or drops the late rows of {@code batch} and starts over for the next batch. */
    public void finish(VectorSchemaRoot batch) {
        if (count == 0) {
            return;
        }
        if (route != null) {
            route.write(batch, rows, count);
            metrics.addLateRowsRouted(count);
        } else {
            metrics.addLateRowsDropped(count);
        }
        count = 0;
    }

    public void close() {
        if (route != null) {
            route.close();
        }
    }
}
