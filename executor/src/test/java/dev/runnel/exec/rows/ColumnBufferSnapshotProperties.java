package dev.runnel.exec.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A row buffer of every column type written and read back holds the same values, NULLs, hashes and
 * order at the same indices, and goes on taking rows as the original does.
 */
class ColumnBufferSnapshotProperties {
    static final RowSchema SCHEMA = Schemas.of("l", TypeKind.BIGINT, "i", TypeKind.INT, "d", TypeKind.DOUBLE,
            "b", TypeKind.BOOLEAN, "m", DataType.decimal(12, 3), "s", TypeKind.VARCHAR, "t", TypeKind.TIMESTAMP,
            "day", TypeKind.DATE, "n", TypeKind.NULL);

    @Provide
    Arbitrary<List<List<Object>>> rows() {
        Arbitrary<Object> l = Arbitraries.longs().map(x -> (Object) x).injectNull(0.2);
        Arbitrary<Object> i = Arbitraries.integers().map(x -> (Object) x).injectNull(0.2);
        Arbitrary<Object> d = Arbitraries.oneOf(Arbitraries.doubles().map(x -> (Object) x),
                Arbitraries.of(-0.0, 0.0, Double.NaN, Double.NEGATIVE_INFINITY, Double.MAX_VALUE)).injectNull(0.2);
        Arbitrary<Object> b = Arbitraries.of(true, false).map(x -> (Object) x).injectNull(0.2);
        Arbitrary<Object> m = Arbitraries.bigDecimals().between(new BigDecimal("-999999999.999"),
                new BigDecimal("999999999.999")).ofScale(3).map(x -> (Object) x).injectNull(0.2);
        Arbitrary<Object> s = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of("", "é", "日本", "a\u0000b")).map(x -> (Object) x).injectNull(0.2);
        Arbitrary<Object> day = Arbitraries.integers().between(-100_000, 100_000).map(x -> (Object) x).injectNull(0.2);
        return Combinators.combine(List.of(l, i, d, b, m, s, l, day))
                .as(values -> {
                    List<Object> row = new ArrayList<>(values);
                    row.add(null);
                    return row;
                }).list().ofMaxSize(200);
    }

    @Property(tries = 200)
    void aRestoredRowBufferHoldsTheSameRowsAndGoesOnAsTheOriginal(@ForAll("rows") List<List<Object>> rows,
            @ForAll("rows") List<List<Object>> more) throws IOException {
        try (BufferAllocator allocator = new RootAllocator()) {
            RowBuffer original = new RowBuffer(Schemas.types(SCHEMA));
            append(original, rows, allocator);
            RowBuffer restored = new RowBuffer(Schemas.types(SCHEMA));
            byte[] state = write(original);
            read(restored, state);
            assertThat(write(restored)).isEqualTo(state);
            same(original, restored);
            append(original, more, allocator);
            append(restored, more, allocator);
            same(original, restored);
        }
    }

    @Example
    void stateOfAnotherColumnTypeIsRefused() throws IOException {
        LongColumn longs = new LongColumn();
        longs.appendLong(7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        longs.snapshot(new DataOutputStream(bytes));
        assertThatThrownBy(() -> new IntColumn().restore(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isInstanceOf(IOException.class).hasMessageContaining("another plan");
    }

    private static void append(RowBuffer buffer, List<List<Object>> rows, BufferAllocator allocator) {
        try (VectorSchemaRoot batch = Vectors.fromRows(SCHEMA, rows, allocator)) {
            int[] all = new int[rows.size()];
            Arrays.setAll(all, k -> k);
            buffer.appendRows(batch, all, rows.size());
        }
    }

    private static void same(RowBuffer a, RowBuffer b) {
        assertThat(b.size()).isEqualTo(a.size());
        for (int r = 0; r < a.size(); r++) {
            assertThat(b.row(r)).as("row %d", r).isEqualTo(a.row(r));
            for (int c = 0; c < a.columnCount(); c++) {
                assertThat(b.column(c).isNull(r)).isEqualTo(a.column(c).isNull(r));
                assertThat(b.column(c).hash(r)).isEqualTo(a.column(c).hash(r));
                if (r > 0 && !a.column(c).isNull(r) && !a.column(c).isNull(r - 1)) {
                    assertThat(b.column(c).compare(r - 1, r)).isEqualTo(a.column(c).compare(r - 1, r));
                }
            }
        }
    }

    private static byte[] write(RowBuffer buffer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            buffer.snapshot(out);
        }
        return bytes.toByteArray();
    }

    private static void read(RowBuffer buffer, byte[] state) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            buffer.restore(in);
            assertThat(in.available()).isZero();
        }
    }
}
