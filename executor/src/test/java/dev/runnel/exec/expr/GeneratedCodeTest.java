package dev.runnel.exec.expr;

import static dev.runnel.exec.testing.Exprs.call;
import static dev.runnel.exec.testing.Exprs.lit;
import static dev.runnel.exec.testing.Exprs.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the shape of the generated hot loops: primitive buffer reads and writes, no boxing, no per-value setSafe. */
class GeneratedCodeTest {
    private static final RowSchema BIDS = Schemas.of("auction", TypeKind.BIGINT, "price", TypeKind.BIGINT, "channel",
            TypeKind.VARCHAR);

    @Test
    void filterReadsPrimitivesFromArrowBuffersIntoASelectionVector() {
        Expr e = call(Operator.GREATER_THAN, TypeKind.BOOLEAN, ref(1, TypeKind.BIGINT), lit(100L, TypeKind.BIGINT));
        String src = ExprCompiler.filterSource(e, BIDS);
        assertThat(src).contains("c1d.getLong(", "BitVectorHelper.get(c1v, i)", "sel[n++] = i;",
                        // a batch without NULLs in the column skips the per-value validity test
                        "final boolean c1nn = c1x.getValueCount() >= rowCount && c1x.getNullCount() == 0;",
                        "= !c1nn && org.apache.arrow.vector.BitVectorHelper.get(c1v, i) == 0;")
                .doesNotContain("getObject", "Long.valueOf", "setSafe", "c0d", "c2d");
    }

    @Test
    void projectionWritesWithSetAfterOneAllocationAndCopiesTextBytesDirectly() {
        List<Expr> exprs = List.of(ref(0, TypeKind.BIGINT),
                call(Operator.TIMES, TypeKind.BIGINT, ref(1, TypeKind.BIGINT), lit(2L, TypeKind.BIGINT)),
                ref(2, TypeKind.VARCHAR));
        String src = ExprCompiler.projectionSource(exprs, BIDS);
        assertThat(src).contains("Vectors.allocate(target, to - from)", "o.set(j, ", "o.set(j, s", "c2d);",
                        // columns passed on unchanged are copied as whole buffers when the rows are a range
                        "RangeCopy.copy(root.getVector(0), from, to, target)",
                        "RangeCopy.copy(root.getVector(2), from, to, target)",
                        // picked text: the data buffer is sized once, then each value is set unchecked
                        "o.reallocDataBuffer(need);")
                .doesNotContain("getObject", "Long.valueOf", "Utf8.read", "setSafe(j, s");
    }

    @Test
    void decimalArithmeticRunsOnUnscaledLongsAndWritesThemStraightIntoTheVector() {
        // Nexmark q1 as the planner gives it: 0.908 * CAST(price AS DECIMAL(23, 3)), as DECIMAL(23, 3)
        DataType d233 = DataType.decimal(23, 3);
        Expr e = call(Operator.TIMES, d233, lit(new BigDecimal("0.908"), DataType.decimal(4, 3)),
                call(Operator.CAST, d233, ref(1, TypeKind.BIGINT)));
        String src = ExprCompiler.projectionSource(List.of(e), BIDS);
        String hot = src.substring(0, src.indexOf("catch ("));
        // price * 1000 (scale 3), times 908 (scale 6), back to scale 3 by a literal power of ten
        assertThat(hot).contains("DecimalLongs.scaleUp(v", ", 1000L)", "DecimalLongs.multiply((908L), u",
                "DecimalLongs.scaleDown(", "c1d.getLong(").doesNotContain("BigDecimal.valueOf", "Decimals.multiply",
                "getObject");
        // the BigDecimal way is only the fallback, after a long overflowed
        assertThat(src).contains("catch (dev.runnel.exec.expr.fn.DecimalLongs.Overflow ",
                "dev.runnel.exec.expr.fn.Decimals.multiply(", "o.set(j, u");
    }

    @Test
    void constantLikePatternsAreCompiledOnceAndMatchedInPlace() {
        Expr e = call(Operator.LIKE, TypeKind.BOOLEAN, ref(2, TypeKind.VARCHAR), lit("Goo%", TypeKind.VARCHAR));
        String src = ExprCompiler.filterSource(e, BIDS);
        assertThat(src).contains("private final dev.runnel.exec.expr.fn.LikeMatcher k0;", "k0.matches(c2d, ")
                .doesNotContain("LikeCache", "Utf8.read");
    }

    @Test
    void aSubexpressionUsedTwiceInOneLoopIsComputedOncePerRowWhereverItIsFirstNeeded() {
        // CASE WHEN LOWER(channel) = 'a' THEN '0' WHEN LOWER(channel) = 'b' THEN '1' ELSE LOWER(channel) END
        Expr lower = call(Operator.LOWER, TypeKind.VARCHAR, ref(2, TypeKind.VARCHAR));
        Expr e = call(Operator.CASE, TypeKind.VARCHAR,
                call(Operator.EQUALS, TypeKind.BOOLEAN, lower, lit("a", TypeKind.VARCHAR)), lit("0", TypeKind.VARCHAR),
                call(Operator.EQUALS, TypeKind.BOOLEAN, lower, lit("b", TypeKind.VARCHAR)), lit("1", TypeKind.VARCHAR),
                lower);
        String src = ExprCompiler.projectionSource(List.of(e), BIDS);
        // the memo's flag is declared at the top of the row loop and tested where the value is needed
        assertThat(src).containsPattern("boolean (m\\d+) = false;[\\s\\S]*if \\(!\\1\\) \\{");
        assertThat(src.split("Utf8.lower\\(", -1)).hasSize(4); // generated at each place, computed at the first
        assertThat(src.split("m\\d+ = true;", -1)).hasSize(4); // each place marks it computed
    }

    @Test
    void splitIndexAndALiteralRegexCheckWorkOnTheColumnBytesWithoutDecoding() {
        Expr split = call(Operator.SPLIT_INDEX, TypeKind.VARCHAR, ref(2, TypeKind.VARCHAR), lit("/", TypeKind.VARCHAR),
                lit(3L, TypeKind.BIGINT));
        Expr regex = call(Operator.REGEXP_EXTRACT, TypeKind.VARCHAR, ref(2, TypeKind.VARCHAR),
                lit("(&|^)channel_id=([^&]*)", TypeKind.VARCHAR), lit(2L, TypeKind.BIGINT));
        String src = ExprCompiler.projectionSource(List.of(split, regex), BIDS);
        assertThat(src).contains("Utf8Pieces.splitIndex(c2d, s", "Utf8.indexOf(c2d, s", "Utf8Pieces.decode(c2d, s")
                .doesNotContain("Utf8.read(", "StringFunctions.splitIndex");
    }
}
