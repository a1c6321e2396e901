package dev.runnel.exec.format;

import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.arrow.ArrowTypes;
import dev.runnel.exec.testing.Relations;
import dev.runnel.exec.testing.Rows;
import dev.runnel.planner.catalog.Column;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FormatRoundTripTest {
    static final List<Column> COLUMNS = Relations.allTypes();
    static final long TS = 1_767_225_601_000L; // 2026-01-01 00:00:01.000

    static final List<List<Object>> ROWS = List.of(
            row(true, 1, 2L, 1.5, new BigDecimal("12.34"), new BigDecimal("123456789012345678901234.123456"),
                    "héllo, \"world\"\nline two", TS, 20454, 5000L, 14),
            row(null, null, null, null, null, null, null, null, null, null, null),
            row(false, Integer.MIN_VALUE, Long.MIN_VALUE, -0.0, new BigDecimal("-0.05"), new BigDecimal("-1.000000"), "",
                    -1L, -1, -1L, -1),
            row(true, Integer.MAX_VALUE, Long.MAX_VALUE, Double.NaN, new BigDecimal("99999999.99"),
                    new BigDecimal("0.000001"), "tab\there 😀 \\ / \u0001", 253_402_300_799_999L, 2_932_896,
                    Long.MAX_VALUE, Integer.MIN_VALUE),
            row(false, 0, 0L, Double.NEGATIVE_INFINITY, new BigDecimal("0.00"), new BigDecimal("0.000000"), "NULL",
                    0L, 0, 0L, 0),
            row(null, 7, null, 1e-300, null, null, " padded ", null, null, null, 3));

    final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void close() {
        allocator.close();
    }

    @Test
    void jsonKeepsEveryTypeAndNull() throws Exception {
        assertThat(roundTrip(new JsonFormat(COLUMNS))).isEqualTo(ROWS);
    }

    @Test
    void csvKeepsEveryTypeAndNullAndTellsEmptyStringFromNull() throws Exception {
        assertThat(roundTrip(new CsvFormat(COLUMNS, CsvFormat.Options.DEFAULT))).isEqualTo(ROWS);
    }

    @Test
    void csvWithOtherDelimiterAndNullMarkerRoundTrips() throws Exception {
        assertThat(roundTrip(new CsvFormat(COLUMNS, new CsvFormat.Options(';', "NULL")))).isEqualTo(ROWS);
        assertThat(roundTrip(new CsvFormat(COLUMNS, new CsvFormat.Options('\t', "\\N")))).isEqualTo(ROWS);
    }

    @Test
    void columnarKeepsEveryTypeAndNull() throws Exception {
        ColumnarFormat format = new ColumnarFormat(COLUMNS);
        try (VectorSchemaRoot in = Rows.toRoot(COLUMNS, ROWS, allocator)) {
            ByteBuffer block = copy(format.encode(in));
            int[] all = new int[COLUMNS.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            try (VectorSchemaRoot out = VectorSchemaRoot.create(format.schema(), allocator)) {
                int rows = format.decode(block, all, out.getFieldVectors().toArray(new FieldVector[0]), allocator);
                out.setRowCount(rows);
                assertThat(Rows.fromRoot(out)).isEqualTo(ROWS);
            }
        }
    }

    @Test
    void columnarDecodesOnlyTheWantedColumnsInTheAskedOrder() throws Exception {
        ColumnarFormat format = new ColumnarFormat(COLUMNS);
        try (VectorSchemaRoot in = Rows.toRoot(COLUMNS, ROWS, allocator)) {
            ByteBuffer block = copy(format.encode(in)).asReadOnlyBuffer();
            List<Column> wanted = List.of(COLUMNS.get(6), COLUMNS.get(2));
            try (VectorSchemaRoot out = VectorSchemaRoot.create(ArrowTypes.toSchema(wanted), allocator)) {
                int rows = format.decode(block, new int[] {6, 2}, out.getFieldVectors().toArray(new FieldVector[0]),
                        allocator);
                out.setRowCount(rows);
                List<List<Object>> expected = new ArrayList<>();
                for (List<Object> r : ROWS) {
                    expected.add(row(r.get(6), r.get(2)));
                }
                assertThat(Rows.fromRoot(out)).isEqualTo(expected);
            }
        }
    }

    @Test
    void columnarRefusesABlockWrittenForOtherColumnTypes() {
        ColumnarFormat writer = new ColumnarFormat(Relations.bidColumns());
        ColumnarFormat reader = new ColumnarFormat(COLUMNS);
        List<Object> bid = row(1L, 2L, 3L, "web", "http://x", TS, "");
        try (VectorSchemaRoot in = Rows.toRoot(Relations.bidColumns(), List.of(bid), allocator)) {
            ByteBuffer block = copy(writer.encode(in));
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(BadValueException.class,
                    () -> reader.rowCount(block)).reason()).contains("other column types");
        }
    }

    @Test
    void columnarRefusesGarbage() {
        ColumnarFormat format = new ColumnarFormat(COLUMNS);
        ByteBuffer junk = ByteBuffer.wrap("{\"not\": \"a block\"}".getBytes());
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(BadValueException.class,
                () -> format.decode(junk, new int[] {0}, new FieldVector[1], allocator)).reason()).contains("magic");
    }

    private List<List<Object>> roundTrip(RecordFormat format) throws BadValueException {
        List<byte[]> values = new ArrayList<>();
        try (VectorSchemaRoot in = Rows.toRoot(COLUMNS, ROWS, allocator)) {
            ByteBuilder b = new ByteBuilder();
            for (int r = 0; r < ROWS.size(); r++) {
                b.reset();
                format.encode(in, r, b);
                values.add(b.toByteArray());
            }
        }
        try (VectorSchemaRoot out = VectorSchemaRoot.create(ArrowTypes.toSchema(COLUMNS), allocator)) {
            out.allocateNew();
            VectorRowWriter w = new VectorRowWriter(COLUMNS, out.getFieldVectors().toArray(new FieldVector[0]));
            for (byte[] v : values) {
                format.decode(v, 0, v.length, w);
                w.endRow();
            }
            w.finish();
            out.setRowCount(w.rowCount());
            return Rows.fromRoot(out);
        }
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.remaining());
        c.put(b.duplicate()).flip();
        return c;
    }
}
