package dev.runnel.exec.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.testing.ExprHarness;
import dev.runnel.exec.testing.Exprs;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Columns a projection passes on unchanged: whole-buffer copies of a range of rows (any start, with
 * and without NULLs, text whose first row does not start at byte 0), and text picked by a selection
 * vector in any order, longer than the output's first allocation. Each output is compared with the
 * input rows value by value, and the same projection object is reused across calls.
 */
class ColumnPassThroughTest {
    private static final RowSchema SCHEMA = Schemas.of("l", TypeKind.BIGINT, "s", TypeKind.VARCHAR, "t",
            TypeKind.TIMESTAMP, "m", DataType.decimal(12, 3), "i", TypeKind.INT, "d", TypeKind.DOUBLE);

    private final ExprHarness harness = new ExprHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    private static List<List<Object>> rows(int n, boolean nulls, long seed) {
        Random r = new Random(seed);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            char[] text = new char[r.nextInt(4) == 0 ? 200 + r.nextInt(300) : r.nextInt(12)];
            Arrays.fill(text, (char) ('a' + i % 26));
            List<Object> row = Arrays.asList(r.nextLong(), new String(text) + (i % 7 == 0 ? "é" : ""),
                    1_700_000_000_000L + i, BigDecimal.valueOf(r.nextInt(2_000_000) - 1_000_000, 3), i, i / 4.0);
            if (nulls) {
                for (int c = 0; c < row.size(); c++) {
                    if (r.nextInt(5) == 0) {
                        row.set(c, null);
                    }
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private List<List<Object>> project(CompiledProjection p, VectorSchemaRoot in, int[] sel, int from, int to,
            VectorSchemaRoot out) {
        FieldVector[] vs = out.getFieldVectors().toArray(new FieldVector[0]);
        p.project(in, sel, from, to, vs);
        List<List<Object>> got = new ArrayList<>();
        for (int j = 0; j < to - from; j++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : vs) {
                assertThat(v.getValueCount()).isEqualTo(to - from);
                row.add(Vectors.get(v, j));
            }
            got.add(row);
        }
        return got;
    }

    @Test
    void rangesOfPassedOnColumnsAreCopiedExactlyWhateverTheirStartAndNulls() {
        List<Expr> refs = new ArrayList<>();
        for (int c = 0; c < SCHEMA.size(); c++) {
            refs.add(Exprs.ref(c, SCHEMA.get(c).type()));
        }
        assertThat(ExprCompiler.projectionSource(refs, SCHEMA)).contains("RangeCopy.copy(root.getVector(1), from, to,");
        CompiledProjection p = harness.compiler().projection(refs, SCHEMA, harness.context());
        for (boolean nulls : new boolean[] {false, true}) {
            List<List<Object>> rows = rows(100, nulls, nulls ? 1 : 2);
            try (VectorSchemaRoot in = Vectors.fromRows(SCHEMA, rows, harness.allocator());
                    VectorSchemaRoot out = Vectors.newRoot(SCHEMA, harness.allocator())) {
                for (int[] range : new int[][] {{0, 100}, {3, 17}, {8, 61}, {99, 100}, {50, 50}, {13, 99}}) {
                    assertThat(project(p, in, null, range[0], range[1], out)).as("rows %s, nulls %s",
                            Arrays.toString(range), nulls).isEqualTo(rows.subList(range[0], range[1]));
                }
            }
        }
    }

    @Test
    void textPickedInAnyOrderIsSizedOnceAndCopiedExactly() {
        List<Expr> exprs = List.of(Exprs.ref(1, TypeKind.VARCHAR), Exprs.ref(0, TypeKind.BIGINT));
        CompiledProjection p = harness.compiler().projection(exprs, SCHEMA, harness.context());
        RowSchema outSchema = Schemas.of("s", TypeKind.VARCHAR, "l", TypeKind.BIGINT);
        List<List<Object>> rows = rows(64, true, 3);
        int[] sel = {40, 2, 63, 7, 7, 30, 0, 55, 12, 41};
        try (VectorSchemaRoot in = Vectors.fromRows(SCHEMA, rows, harness.allocator());
                VectorSchemaRoot out = Vectors.newRoot(outSchema, harness.allocator())) {
            for (int[] range : new int[][] {{0, 10}, {3, 9}, {0, 10}}) {
                List<List<Object>> expected = new ArrayList<>();
                for (int k = range[0]; k < range[1]; k++) {
                    expected.add(List.of(rows.get(sel[k]).get(1) == null ? "NULL" : rows.get(sel[k]).get(1),
                            rows.get(sel[k]).get(0) == null ? "NULL" : rows.get(sel[k]).get(0)));
                }
                List<List<Object>> got = new ArrayList<>();
                for (List<Object> r : project(p, in, sel, range[0], range[1], out)) {
                    got.add(List.of(r.get(0) == null ? "NULL" : r.get(0), r.get(1) == null ? "NULL" : r.get(1)));
                }
                assertThat(got).as("selection %s", Arrays.toString(range)).isEqualTo(expected);
            }
        }
    }
}
