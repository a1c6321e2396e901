package dev.runnel.exec.operator.window;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.ChangeKind;
import dev.runnel.exec.operator.Output;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.TypeKind;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The output batch of a window aggregate, in the layout {@code WindowAggregateNode} fixes: the
 * group key columns, {@code window_start}, {@code window_end}, one column per aggregate call, and
 * optionally one more VARCHAR column that receives the {@link ChangeKind} code of each row (what
 * {@code late = 'update'} needs to show retractions; the planner adds it when it wants it). The
 * caller fills rows {@code [0, n)} between {@link #start} and {@link #emit}. Single-threaded; close
 * releases the batch.
 */
final class WindowResults implements AutoCloseable {
    private static final byte[][] CODES = new byte[ChangeKind.values().length][];

    static {
        for (ChangeKind k : ChangeKind.values()) {
            CODES[k.ordinal()] = k.code().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final int keys;
    private final boolean changeKind;
    private final VectorSchemaRoot out;

    WindowResults(RowSchema schema, int keys, int calls, BufferAllocator allocator) {
        int plain = keys + 2 + calls;
        if (schema.size() != plain && schema.size() != plain + 1) {
            throw new IllegalArgumentException("a window aggregate with " + keys + " keys and " + calls
                    + " calls outputs " + plain + " columns (or one more for the change kind), not " + schema.size());
        }
        for (int c = keys; c < keys + 2; c++) {
            if (schema.get(c).type().kind() != TypeKind.TIMESTAMP) {
                throw new IllegalArgumentException("window bound column " + schema.get(c).name() + " must be a TIMESTAMP");
            }
        }
        this.changeKind = schema.size() == plain + 1;
        if (changeKind && schema.get(plain).type().kind() != TypeKind.VARCHAR) {
            throw new IllegalArgumentException("the change-kind column " + schema.get(plain).name() + " must be VARCHAR");
        }
        this.keys = keys;
        this.out = Vectors.newRoot(schema, allocator);
    }

    /** Whether the output shows each row's change kind. */
    boolean showsChangeKind() {
        return changeKind;
    }

    /**
     * Whether rows of this kind are emitted: all are with a change-kind column; without one the
     * output reads as upserts, so retractions ({@code -U}, {@code -D}) are left out.
     */
    boolean shows(ChangeKind kind) {
        return changeKind || kind == ChangeKind.INSERT || kind == ChangeKind.UPDATE_AFTER;
    }

    /** Allocates the batch for {@code rows} rows (at most {@link Vectors#MAX_BATCH_ROWS}) and returns it. */
    VectorSchemaRoot start(int rows) {
        Vectors.allocate(out, rows);
        return out;
    }

    /** The index of the first aggregate column. */
    int firstAggregateColumn() {
        return keys + 2;
    }

    /** Sets the window bounds of row {@code row}. */
    void window(int row, long start, long end) {
        ((TimeStampMilliVector) out.getVector(keys)).set(row, start);
        ((TimeStampMilliVector) out.getVector(keys + 1)).set(row, end);
    }

    /** Sets the change kind of row {@code row}, if shown. */
    void changeKind(int row, ChangeKind kind) {
        if (changeKind) {
            ((VarCharVector) out.getVector(out.getFieldVectors().size() - 1)).setSafe(row, CODES[kind.ordinal()]);
        }
    }

    /** Emits rows {@code [0, rows)}. */
    void emit(int rows, Output output) {
        out.setRowCount(rows);
        output.emit(out);
    }

    @Override
    public void close() {
        out.close();
    }
}
