package dev.runnel.exec.testing;

import dev.runnel.exec.arrow.ArrowTypes;
import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Test helper: builds Arrow batches from rows of Java values (the representations of
 * {@link TypeKind}) and reads them back, so tests assert rows exactly. Slow on purpose (boxing).
 */
public final class Rows {
    private Rows() {}

    public static List<Object> row(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    @SafeVarargs
    public static List<List<Object>> rows(List<Object>... rows) {
        return new ArrayList<>(Arrays.asList(rows));
    }

    public static VectorSchemaRoot toRoot(List<Column> columns, List<List<Object>> rows, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(ArrowTypes.toSchema(columns), allocator);
        root.allocateNew();
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                set(root.getVector(c), columns.get(c).type().kind(), r, rows.get(r).get(c));
            }
        }
        for (FieldVector v : root.getFieldVectors()) {
            v.setValueCount(rows.size());
        }
        root.setRowCount(rows.size());
        return root;
    }

    private static void set(FieldVector v, TypeKind kind, int r, Object value) {
        if (value == null) {
            v.setNull(r);
            return;
        }
        switch (kind) {
            case BOOLEAN -> ((BitVector) v).setSafe(r, (Boolean) value ? 1 : 0);
            case INT, INTERVAL_YEAR_MONTH -> ((IntVector) v).setSafe(r, ((Number) value).intValue());
            case BIGINT, INTERVAL_DAY_TIME -> ((BigIntVector) v).setSafe(r, ((Number) value).longValue());
            case DOUBLE -> ((Float8Vector) v).setSafe(r, ((Number) value).doubleValue());
            case DECIMAL -> ((DecimalVector) v).setSafe(r, (BigDecimal) value);
            case VARCHAR -> ((VarCharVector) v).setSafe(r, ((String) value).getBytes(StandardCharsets.UTF_8));
            case TIMESTAMP -> ((TimeStampMilliVector) v).setSafe(r, ((Number) value).longValue());
            case DATE -> ((DateDayVector) v).setSafe(r, ((Number) value).intValue());
            case NULL -> v.setNull(r);
        }
    }

    /** Rows of a batch as Java values: Long for TIMESTAMP, Integer for DATE, String for VARCHAR. */
    public static List<List<Object>> fromRoot(VectorSchemaRoot root) {
        List<List<Object>> out = new ArrayList<>();
        for (int r = 0; r < root.getRowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : root.getFieldVectors()) {
                row.add(get(v, r));
            }
            out.add(row);
        }
        return out;
    }

    private static Object get(FieldVector v, int r) {
        if (v.isNull(r)) {
            return null;
        }
        if (v instanceof BitVector b) {
            return b.get(r) != 0;
        }
        if (v instanceof VarCharVector s) {
            return new String(s.get(r), StandardCharsets.UTF_8);
        }
        if (v instanceof TimeStampMilliVector t) {
            return t.get(r);
        }
        if (v instanceof DateDayVector d) {
            return d.get(r);
        }
        return v.getObject(r);
    }
}
