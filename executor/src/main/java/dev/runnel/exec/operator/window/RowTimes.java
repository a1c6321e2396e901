package dev.runnel.exec.operator.window;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The event time and the {@code _watermark} of each row of a batch, copied out of their
 * TIMESTAMP vectors into primitive arrays once per batch (reused across batches). The row
 * watermarks are kept as progress ({@link WindowAggregateOperator#progress}: watermark + 1), the
 * form the window states compare window ends with. Single-threaded.
 */
final class RowTimes {
    private final int timeColumn;
    private final int watermarkColumn;
    long[] time = new long[0];
    boolean[] hasTime = new boolean[0];
    long[] watermark = new long[0];
    boolean[] hasWatermark = new boolean[0];

    /** @param watermarkColumn the {@code _watermark} column, or -1 when the input has none (all NULL) */
    RowTimes(int timeColumn, int watermarkColumn) {
        this.timeColumn = timeColumn;
        this.watermarkColumn = watermarkColumn;
    }

    /** Reads rows {@code [0, rows)} of {@code batch}. */
    void read(VectorSchemaRoot batch, int rows) {
        if (time.length < rows) {
            int n = Math.max(rows, 1024);
            time = new long[n];
            hasTime = new boolean[n];
            watermark = new long[n];
            hasWatermark = new boolean[n];
        }
        copy(batch.getVector(timeColumn), rows, time, hasTime);
        if (watermarkColumn >= 0) {
            copy(batch.getVector(watermarkColumn), rows, watermark, hasWatermark);
            for (int r = 0; r < rows; r++) {
                watermark[r] = WindowAggregateOperator.progress(watermark[r]);
            }
        } else {
            java.util.Arrays.fill(hasWatermark, 0, rows, false);
        }
    }

    private static void copy(FieldVector v, int rows, long[] values, boolean[] present) {
        ArrowBuf validity = v.getValidityBuffer();
        ArrowBuf data = v.getDataBuffer();
        for (int r = 0; r < rows; r++) {
            present[r] = BitVectorHelper.get(validity, r) != 0;
            values[r] = data.getLong((long) r << 3);
        }
    }
}
