package dev.runnel.exec.operator;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.memory.util.ByteFunctionHelpers;

/**
 * How a batch carries a changelog: after the plan node's own columns comes one more INT column,
 * {@value #OP_COLUMN}, holding each row's {@link ChangeKind} ordinal ({@code 0} +I, {@code 1} -U,
 * {@code 2} +U, {@code 3} -D). A row with -U or -D retracts an equal row emitted before; +I and +U
 * add one (weights +1/-1, with the kind kept so clients can show {@code -U/+U} pairs). Batches of
 * append-only nodes have no such column. Because the change kind is an ordinary column, filters,
 * projections and limits carry it along like any other. Stateless.
 */
public final class Changelog {
    /** The name of the change-kind column a changelog batch ends with. */
    public static final String OP_COLUMN = "$op";

    public static final int INSERT = 0;
    public static final int UPDATE_BEFORE = 1;
    public static final int UPDATE_AFTER = 2;
    public static final int DELETE = 3;

    private Changelog() {}

    /** {@code schema} plus the change-kind column: the batches of a changelog node. */
    public static RowSchema withOp(RowSchema schema) {
        List<Column> columns = new ArrayList<>(schema.columns());
        columns.add(new Column(OP_COLUMN, DataType.of(TypeKind.INT).notNull()));
        return new RowSchema(columns);
    }

    /** Whether a row of change kind {@code op} takes a row back (-U, -D). */
    public static boolean retracts(int op) {
        return (op & 1) != 0;
    }

    /** The change-kind vector of a changelog batch whose node has {@code dataColumns} columns. */
    public static IntVector ops(VectorSchemaRoot batch, int dataColumns) {
        return (IntVector) batch.getVector(dataColumns);
    }

    /**
     * Splits rows {@code 0..count)} by their change kind: rows that add go to {@code adds}, rows that
     * retract to {@code retracts}, each in input order; returns how many rows add (the rest retract).
     */
    public static int split(IntVector ops, int count, int[] adds, int[] retracts) {
        ArrowBuf data = ops.getDataBuffer();
        int a = 0;
        int r = 0;
        for (int i = 0; i < count; i++) {
            if ((data.getInt((long) i << 2) & 1) == 0) {
                adds[a++] = i;
            } else {
                retracts[r++] = i;
            }
        }
        return a;
    }

    /** Whether row {@code a} of {@code va} and row {@code b} of {@code vb} (same type) hold the same value; two NULLs are the same. */
    public static boolean sameValue(FieldVector va, int a, FieldVector vb, int b) {
        boolean nullA = va.isNull(a);
        if (nullA || vb.isNull(b)) {
            return nullA == vb.isNull(b);
        }
        if (va instanceof BitVector bits) {
            return bits.get(a) == ((BitVector) vb).get(b);
        }
        if (va instanceof BaseFixedWidthVector f) {
            long w = f.getTypeWidth();
            return ByteFunctionHelpers.equal(f.getDataBuffer(), a * w, (a + 1) * w, vb.getDataBuffer(), b * w,
                    (b + 1) * w) != 0;
        }
        if (va instanceof BaseVariableWidthVector s) {
            BaseVariableWidthVector t = (BaseVariableWidthVector) vb;
            return ByteFunctionHelpers.equal(s.getDataBuffer(), s.getStartOffset(a), s.getEndOffset(a),
                    t.getDataBuffer(), t.getStartOffset(b), t.getEndOffset(b)) != 0;
        }
        return va.getObject(a).equals(vb.getObject(b));
    }

    /** Sets row {@code row} of a change-kind vector allocated for it. */
    public static void setOp(IntVector ops, int row, int op) {
        ops.getDataBuffer().setInt((long) row << 2, op);
        BitVectorHelper.setBit(ops.getValidityBuffer(), row);
    }
}
