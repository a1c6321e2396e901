package dev.runnel.exec.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.arrow.ArrowTypes;
import dev.runnel.exec.testing.Relations;
import dev.runnel.exec.testing.Rows;
import dev.runnel.planner.catalog.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Every value of every type survives every format, and text parsing inverts rendering. */
class FormatProperties {
    static final List<Column> COLUMNS = Relations.allTypes();

    @Property(tries = 60)
    void randomRowsRoundTripThroughEveryFormat(@ForAll("rows") List<List<Object>> rows) throws Exception {
        try (RootAllocator allocator = new RootAllocator()) {
            for (RecordFormat f : List.of(new JsonFormat(COLUMNS), new CsvFormat(COLUMNS, CsvFormat.Options.DEFAULT),
                    new CsvFormat(COLUMNS, new CsvFormat.Options('|', "NULL")))) {
                assertThat(viaRecords(f, rows, allocator)).as(f.getClass().getSimpleName()).isEqualTo(rows);
            }
            assertThat(viaBlock(rows, allocator)).isEqualTo(rows);
        }
    }

    @Property
    void timestampsParseBackFromTheirText(@ForAll @LongRange(min = -62_135_596_800_000L, max = 253_402_300_799_999L) long ms) {
        byte[] text = DateTimeText.timestampToString(ms).getBytes(StandardCharsets.US_ASCII);
        try {
            assertThat(DateTimeText.parseTimestamp(text, 0, text.length)).isEqualTo(ms);
        } catch (BadValueException e) {
            throw new AssertionError(e.reason());
        }
    }

    @Property
    void decimalsParseWithHalfUpRounding(@ForAll("decimals") BigDecimal v, @ForAll @IntRange(min = 0, max = 6) int scale)
            throws Exception {
        int precision = 18;
        BigDecimal want = v.setScale(scale, RoundingMode.HALF_UP);
        byte[] text = v.toPlainString().getBytes(StandardCharsets.US_ASCII);
        long[] out = new long[1];
        if (want.precision() > precision) {
            return;
        }
        if (TextValues.parseDecimalUnscaled(text, 0, text.length, precision, scale, out)) {
            assertThat(BigDecimal.valueOf(out[0], scale)).isEqualTo(want);
        }
        assertThat(TextValues.parseDecimal(text, 0, text.length, precision, scale)).isEqualTo(want);
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Combinators.combine(Arbitraries.longs().between(-999_999_999_999L, 999_999_999_999L),
                Arbitraries.integers().between(0, 8)).as((u, s) -> new BigDecimal(BigInteger.valueOf(u), s));
    }

    @Provide
    Arbitrary<List<List<Object>>> rows() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(30)
                .filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c)));
        Arbitrary<List<Object>> row = Combinators.combine(List.of(
                Arbitraries.of(true, false).injectNull(0.2).map(o -> (Object) o),
                Arbitraries.integers().injectNull(0.2).map(o -> (Object) o),
                Arbitraries.longs().injectNull(0.2).map(o -> (Object) o),
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.POSITIVE_INFINITY)
                        .withSpecialValue(-0.0).injectNull(0.2).map(o -> (Object) o),
                Arbitraries.longs().between(-9_999_999_999L, 9_999_999_999L).map(u -> (Object) BigDecimal.valueOf(u, 2))
                        .injectNull(0.2),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(31).negate(), BigInteger.TEN.pow(31))
                        .map(u -> (Object) new BigDecimal(u, 6)).injectNull(0.2),
                text.map(o -> (Object) o).injectNull(0.2),
                Arbitraries.longs().between(-62_135_596_800_000L, 253_402_300_799_999L).map(o -> (Object) o).injectNull(0.2),
                Arbitraries.integers().between(-719_162, 2_932_896).map(o -> (Object) o).injectNull(0.2),
                Arbitraries.longs().map(o -> (Object) o).injectNull(0.2),
                Arbitraries.integers().map(o -> (Object) o).injectNull(0.2))).as(ArrayList::new);
        return row.list().ofMinSize(1).ofMaxSize(20);
    }

    private static List<List<Object>> viaRecords(RecordFormat format, List<List<Object>> rows, RootAllocator allocator)
            throws BadValueException {
        List<byte[]> values = new ArrayList<>();
        try (VectorSchemaRoot in = Rows.toRoot(COLUMNS, rows, allocator)) {
            ByteBuilder b = new ByteBuilder();
            for (int r = 0; r < rows.size(); r++) {
                b.reset();
                format.encode(in, r, b);
                values.add(b.toByteArray());
            }
        }
        try (VectorSchemaRoot out = VectorSchemaRoot.create(ArrowTypes.toSchema(COLUMNS), allocator)) {
            out.allocateNew();
            VectorRowWriter w = new VectorRowWriter(COLUMNS, out.getFieldVectors().toArray(new FieldVector[0]));
            for (byte[] v : values) {
                try {
                    format.decode(v, 0, v.length, w);
                } catch (BadValueException e) {
                    throw new AssertionError(e.reason() + " in " + new String(v, StandardCharsets.UTF_8));
                }
                w.endRow();
            }
            w.finish();
            out.setRowCount(w.rowCount());
            return Rows.fromRoot(out);
        }
    }

    private static List<List<Object>> viaBlock(List<List<Object>> rows, RootAllocator allocator) throws Exception {
        ColumnarFormat format = new ColumnarFormat(COLUMNS);
        ByteBuffer block;
        try (VectorSchemaRoot in = Rows.toRoot(COLUMNS, rows, allocator)) {
            ByteBuffer b = format.encode(in);
            block = ByteBuffer.wrap(Arrays.copyOfRange(b.array(), b.position(), b.limit())).asReadOnlyBuffer();
        }
        int[] all = new int[COLUMNS.size()];
        Arrays.setAll(all, i -> i);
        try (VectorSchemaRoot out = VectorSchemaRoot.create(format.schema(), allocator)) {
            out.setRowCount(format.decode(block, all, out.getFieldVectors().toArray(new FieldVector[0]), allocator));
            return Rows.fromRoot(out);
        }
    }
}
