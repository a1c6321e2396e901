package dev.runnel.exec.operator.window;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.ChangeKind;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.operator.Output;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.TypeKind;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The output batch of a window aggregate, in the layout {@code WindowAggregateNode} fixes: the
 * group key columns, {@code window_start}, {@code window_end}, one column per aggregate call; as a
 * {@link Changelog} (what {@code late = 'update'} makes of it: a corrected result retracts the one
 * emitted before) followed by each row's change kind. The caller fills rows {@code [0, n)} between
 * {@link #start} and {@link #emit}. Single-threaded; close releases the batch.
 */
final class WindowResults implements AutoCloseable {
    private final int keys;
    private final boolean changeKind;
    private final int plain;
    private final VectorSchemaRoot out;

    /** @param changelog whether the output is a changelog (rows carry their change kind) */
    WindowResults(RowSchema schema, int keys, int calls, boolean changelog, BufferAllocator allocator) {
        int plain = keys + 2 + calls;
        if (schema.size() != plain) {
            throw new IllegalArgumentException("a window aggregate with " + keys + " keys and " + calls
                    + " calls outputs " + plain + " columns, not " + schema.size());
        }
        for (int c = keys; c < keys + 2; c++) {
            if (schema.get(c).type().kind() != TypeKind.TIMESTAMP) {
                throw new IllegalArgumentException("window bound column " + schema.get(c).name() + " must be a TIMESTAMP");
            }
        }
        this.changeKind = changelog;
        this.keys = keys;
        this.plain = plain;
        this.out = Vectors.newRoot(changelog ? Changelog.withOp(schema) : schema, allocator);
    }

    /** Whether the output shows each row's change kind. */
    boolean showsChangeKind() {
        return changeKind;
    }

    /**
     * Whether rows of this kind are emitted: all are in a changelog; otherwise the output is
     * append-only, so retractions ({@code -U}, {@code -D}) are left out.
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
            Changelog.setOp((IntVector) out.getVector(plain), row, kind.ordinal());
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
