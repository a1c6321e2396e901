package dev.runnel.exec.arrow;

import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Copies chosen rows of a batch into another batch of the same schema, allocating the target's
 * buffers at their exact size first, so the per-row copy is a buffer-to-buffer move without
 * capacity checks ({@code copyFrom}, not {@code copyFromSafe}). Used to split a batch by
 * partition. Stateless.
 */
public final class RowGather {
    private RowGather() {}

    /**
     * Fills the empty {@code target} with rows {@code rows[0..count)} of {@code source}, in that
     * order, and sets its row count. Both have the same schema; {@code target} is owned by the caller.
     */
    public static void gather(VectorSchemaRoot source, int[] rows, int count, VectorSchemaRoot target) {
        for (int c = 0; c < source.getFieldVectors().size(); c++) {
            gather(source.getVector(c), rows, count, target.getVector(c));
        }
        target.setRowCount(count);
    }

    /**
     * Fills the empty vector {@code to} with the values {@code rows[0..count)} of {@code from} (a row
     * may come more than once) and sets its value count. Both have the same type.
     */
    public static void gather(FieldVector from, int[] rows, int count, FieldVector to) {
        if (from instanceof BaseVariableWidthVector v) {
            long bytes = 0;
            for (int i = 0; i < count; i++) {
                int r = rows[i];
                if (!v.isNull(r)) {
                    bytes += v.getEndOffset(r) - v.getStartOffset(r);
                }
            }
            ((BaseVariableWidthVector) to).allocateNew(Math.max(bytes, 1), Math.max(count, 1));
        } else if (to instanceof BaseFixedWidthVector f) {
            f.allocateNew(Math.max(count, 1));
        } else {
            to.setInitialCapacity(Math.max(count, 1));
            to.allocateNew();
        }
        for (int i = 0; i < count; i++) {
            to.copyFrom(rows[i], i, from);
        }
        to.setValueCount(count);
    }

    /**
     * Fills the empty {@code target} with rows {@code rowsA[0..countA)} of {@code a}, then rows
     * {@code rowsB[0..countB)} of {@code b} (both of the target's schema), and sets its row count.
     */
    public static void concat(VectorSchemaRoot a, int[] rowsA, int countA, VectorSchemaRoot b, int[] rowsB,
            int countB, VectorSchemaRoot target) {
        int count = countA + countB;
        for (int c = 0; c < a.getFieldVectors().size(); c++) {
            FieldVector fromA = a.getVector(c);
            FieldVector fromB = b.getVector(c);
            FieldVector to = target.getVector(c);
            if (fromA instanceof BaseVariableWidthVector va) {
                long bytes = bytes(va, rowsA, countA) + bytes((BaseVariableWidthVector) fromB, rowsB, countB);
                ((BaseVariableWidthVector) to).allocateNew(Math.max(bytes, 1), Math.max(count, 1));
            } else if (to instanceof BaseFixedWidthVector f) {
                f.allocateNew(Math.max(count, 1));
            } else {
                to.setInitialCapacity(Math.max(count, 1));
                to.allocateNew();
            }
            for (int i = 0; i < countA; i++) {
                to.copyFrom(rowsA[i], i, fromA);
            }
            for (int i = 0; i < countB; i++) {
                to.copyFrom(rowsB[i], countA + i, fromB);
            }
            to.setValueCount(count);
        }
        target.setRowCount(count);
    }

    private static long bytes(BaseVariableWidthVector v, int[] rows, int count) {
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            int r = rows[i];
            if (!v.isNull(r)) {
                bytes += v.getEndOffset(r) - v.getStartOffset(r);
            }
        }
        return bytes;
    }
}
