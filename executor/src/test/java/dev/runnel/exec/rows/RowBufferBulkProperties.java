package dev.runnel.exec.rows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.testing.Rows;
import dev.runnel.exec.testing.Schemas;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The bulk paths of a row buffer (every column type, NULLs included) agree with the value-at-a-time
 * ones: appending chosen rows of a batch, writing rows back to vectors by index or by range,
 * keeping a subset in place, and ordering a stored value against a vector value.
 */
class RowBufferBulkProperties {
    @Provide
    Arbitrary<List<List<Object>>> rows() {
        return new ColumnBufferSnapshotProperties().rows();
    }

    @Property(tries = 200)
    void bulkAppendAndWriteHoldTheSameValuesAsOneAtATime(@ForAll("rows") List<List<Object>> rows,
            @ForAll("rows") List<List<Object>> more) {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch = Vectors.fromRows(ColumnBufferSnapshotProperties.SCHEMA, rows, allocator);
                VectorSchemaRoot second = Vectors.fromRows(ColumnBufferSnapshotProperties.SCHEMA, more, allocator)) {
            RowBuffer bulk = new RowBuffer(Schemas.types(ColumnBufferSnapshotProperties.SCHEMA));
            RowBuffer single = new RowBuffer(Schemas.types(ColumnBufferSnapshotProperties.SCHEMA));
            int[] chosen = everyOther(rows.size(), 0);
            bulk.appendRows(batch, chosen, chosen.length);
            int[] all = everyOther(more.size(), -1);
            bulk.appendRows(second, all, all.length);
            for (int r : chosen) {
                appendOne(single, batch, r);
            }
            for (int r : all) {
                appendOne(single, second, r);
            }
            int n = chosen.length + all.length;
            assertThat(bulk.size()).isEqualTo(n);
            List<List<Object>> expected = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                List<Object> one = new ArrayList<>();
                for (int c = 0; c < single.columnCount(); c++) {
                    assertThat(single.column(c).size()).isEqualTo(n);
                    assertThat(bulk.column(c).isNull(r)).isEqualTo(single.column(c).isNull(r));
                    one.add(single.column(c).get(r));
                }
                assertThat(bulk.row(r)).as("row %d", r).isEqualTo(one);
                expected.add(one);
            }
            int[] reversed = new int[bulk.size()];
            for (int k = 0; k < reversed.length; k++) {
                reversed[k] = reversed.length - 1 - k;
            }
            try (VectorSchemaRoot out = Vectors.newRoot(ColumnBufferSnapshotProperties.SCHEMA, allocator)) {
                Vectors.allocate(out, reversed.length);
                bulk.write(reversed, 0, reversed.length, out, 0);
                out.setRowCount(reversed.length);
                List<List<Object>> back = Rows.fromRoot(out);
                for (int k = 0; k < reversed.length; k++) {
                    assertThat(back.get(k)).as("written row %d", k).isEqualTo(expected.get(reversed[k]));
                }
            }
            try (VectorSchemaRoot out = Vectors.newRoot(ColumnBufferSnapshotProperties.SCHEMA, allocator)) {
                int first = bulk.size() / 3;
                int count = bulk.size() - first;
                Vectors.allocate(out, count);
                for (int c = 0; c < bulk.columnCount(); c++) {
                    bulk.column(c).writeRange(first, count, out.getVector(c));
                }
                out.setRowCount(count);
                assertThat(Rows.fromRoot(out)).isEqualTo(expected.subList(first, first + count));
            }
        }
    }

    @Property(tries = 200)
    void retainingKeepsTheChosenRowsInOrderAndTheBufferGoesOn(@ForAll("rows") List<List<Object>> rows,
            @ForAll("rows") List<List<Object>> more) {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch = Vectors.fromRows(ColumnBufferSnapshotProperties.SCHEMA, rows, allocator);
                VectorSchemaRoot second = Vectors.fromRows(ColumnBufferSnapshotProperties.SCHEMA, more, allocator)) {
            RowBuffer buffer = new RowBuffer(Schemas.types(ColumnBufferSnapshotProperties.SCHEMA));
            int[] all = everyOther(rows.size(), -1);
            buffer.appendRows(batch, all, all.length);
            int[] kept = everyOther(rows.size(), rows.size() % 2);
            List<List<Object>> expected = new ArrayList<>();
            for (int r : kept) {
                expected.add(buffer.row(r));
            }
            int[][] lists = {kept.clone()};
            buffer.retainOnly(lists, new int[] {kept.length}, 1);
            assertThat(buffer.size()).isEqualTo(kept.length);
            for (int k = 0; k < kept.length; k++) {
                assertThat(lists[0][k]).isEqualTo(k);
                assertThat(buffer.row(k)).isEqualTo(expected.get(k));
            }
            int[] second2 = everyOther(more.size(), -1);
            buffer.appendRows(second, second2, second2.length);
            for (int r = 0; r < more.size(); r++) {
                assertThat(buffer.row(kept.length + r)).isEqualTo(Rows.fromRoot(second).get(r));
            }
        }
    }

    @Property(tries = 200)
    void aStoredValueOrdersAgainstAVectorValueAsAgainstTheSameValueStored(@ForAll("rows") List<List<Object>> rows) {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch = Vectors.fromRows(ColumnBufferSnapshotProperties.SCHEMA, rows, allocator)) {
            RowBuffer buffer = new RowBuffer(Schemas.types(ColumnBufferSnapshotProperties.SCHEMA));
            int[] all = everyOther(rows.size(), -1);
            buffer.appendRows(batch, all, all.length);
            for (int c = 0; c < buffer.columnCount(); c++) {
                ColumnBuffer column = buffer.column(c);
                for (int a = 0; a < rows.size(); a++) {
                    for (int b = 0; b < rows.size(); b++) {
                        if (!column.isNull(a) && !column.isNull(b)) {
                            assertThat(Integer.signum(column.compareRow(a, batch.getVector(c), b)))
                                    .as("column %d, %d vs %d", c, a, b)
                                    .isEqualTo(Integer.signum(column.compare(a, b)));
                        }
                    }
                }
            }
        }
    }

    /** Rows {@code 0..n)}: all of them when {@code parity} is -1, else those of that parity. */
    private static int[] everyOther(int n, int parity) {
        return java.util.stream.IntStream.range(0, n).filter(r -> parity < 0 || r % 2 == parity).toArray();
    }

    /** Appends one row value by value ({@link ColumnBuffer#append}); the buffer's row count is not kept. */
    private static void appendOne(RowBuffer buffer, VectorSchemaRoot batch, int row) {
        for (int c = 0; c < buffer.columnCount(); c++) {
            buffer.column(c).append(batch.getVector(c), row);
        }
    }
}
