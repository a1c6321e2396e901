package dev.runnel.exec.arrow;

import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ReferenceManager;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Row-at-a-time access to the vectors of {@link ArrowTypes}' mapping, in the Java representations of
 * {@code TypeKind}, plus batch allocation. For building batches, collecting results and fallback
 * paths; hot loops use typed vector accessors instead. Stateless.
 */
public final class Vectors {
    /** The most rows an operator puts in one emitted batch. */
    public static final int MAX_BATCH_ROWS = 4096;

    /** Bytes reserved per VARCHAR value when allocating a batch; vectors grow past it if needed. */
    private static final int VARCHAR_BYTES_PER_VALUE = 16;

    private Vectors() {}

    /** An empty batch for {@code schema}, owned by the caller. */
    public static VectorSchemaRoot newRoot(RowSchema schema, BufferAllocator allocator) {
        return VectorSchemaRoot.create(ArrowTypes.toSchema(schema), allocator);
    }

    /**
     * Makes room for {@code rows} values; all values start NULL (and zero), the value count at 0. A
     * fixed-width vector whose buffers are large enough and held by nobody else (a receiver of an
     * emitted batch copied rather than retained them) is cleared in place, so an operator emitting
     * batch after batch does not allocate per batch; otherwise what the vector held is released and
     * new buffers are allocated.
     */
    public static void allocate(FieldVector v, int rows) {
        if (v instanceof BaseVariableWidthVector var) {
            var.allocateNew((long) Math.max(rows, 1) * VARCHAR_BYTES_PER_VALUE, Math.max(rows, 1));
        } else if (v instanceof BaseFixedWidthVector fixed) {
            int n = Math.max(rows, 1);
            if (fixed.getValueCapacity() >= n && heldOnlyBy(fixed)) {
                ArrowBuf validity = fixed.getValidityBuffer();
                ArrowBuf data = fixed.getDataBuffer();
                validity.setZero(0, validity.capacity());
                long width = fixed instanceof BitVector ? 0 : fixed.getTypeWidth();
                data.setZero(0, width == 0 ? Math.min(data.capacity(), (n + 7) / 8) : Math.min(data.capacity(), n * width));
                fixed.setValueCount(0);
                return;
            }
            fixed.allocateNew(n);
        } else if (!(v instanceof NullVector)) {
            v.setInitialCapacity(Math.max(rows, 1));
            v.allocateNew();
        }
    }

    /** Whether the vector's buffers are referenced by it alone (validity and data may share one allocation). */
    private static boolean heldOnlyBy(BaseFixedWidthVector v) {
        ReferenceManager validity = v.getValidityBuffer().getReferenceManager();
        ReferenceManager data = v.getDataBuffer().getReferenceManager();
        return validity == data ? validity.getRefCount() == 2
                : validity.getRefCount() == 1 && data.getRefCount() == 1;
    }

    /** Allocates every vector of {@code root} for {@code rows} values. */
    public static void allocate(VectorSchemaRoot root, int rows) {
        for (FieldVector v : root.getFieldVectors()) {
            allocate(v, rows);
        }
    }

    /** The Runnel type of a vector. */
    public static DataType typeOf(FieldVector v) {
        return ArrowTypes.fromField(v.getField());
    }

    /** The value at {@code row} in its Java representation; null for SQL NULL. */
    public static Object get(FieldVector v, int row) {
        if (v instanceof NullVector || v.isNull(row)) {
            return null;
        }
        if (v instanceof BigIntVector b) {
            return b.get(row);
        } else if (v instanceof IntVector i) {
            return i.get(row);
        } else if (v instanceof VarCharVector s) {
            return new String(s.get(row), StandardCharsets.UTF_8);
        } else if (v instanceof Float8Vector d) {
            return d.get(row);
        } else if (v instanceof TimeStampMilliVector t) {
            return t.get(row);
        } else if (v instanceof BitVector b) {
            return b.get(row) != 0;
        } else if (v instanceof DecimalVector d) {
            return d.getObject(row);
        } else if (v instanceof DateDayVector d) {
            return d.get(row);
        }
        throw new IllegalArgumentException("unsupported vector " + v.getClass().getSimpleName());
    }

    /**
     * Sets the value at {@code row} (null for SQL NULL), growing the vector as needed. Numbers are
     * converted to the vector's type ({@code Integer} into a BIGINT column is fine); DECIMAL values
     * are rescaled (HALF_UP) to the column's scale.
     */
    public static void set(FieldVector v, int row, Object value) {
        if (v instanceof NullVector) {
            return;
        }
        if (value == null) {
            ensureCapacity(v, row);
            if (v instanceof BaseFixedWidthVector f) {
                f.setNull(row);
            } else if (v instanceof BaseVariableWidthVector s) {
                s.setNull(row);
            }
            return;
        }
        if (v instanceof BigIntVector b) {
            b.setSafe(row, ((Number) value).longValue());
        } else if (v instanceof IntVector i) {
            i.setSafe(row, ((Number) value).intValue());
        } else if (v instanceof VarCharVector s) {
            s.setSafe(row, value.toString().getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof Float8Vector d) {
            d.setSafe(row, ((Number) value).doubleValue());
        } else if (v instanceof TimeStampMilliVector t) {
            t.setSafe(row, ((Number) value).longValue());
        } else if (v instanceof BitVector b) {
            b.setSafe(row, ((Boolean) value) ? 1 : 0);
        } else if (v instanceof DecimalVector d) {
            BigDecimal bd = value instanceof BigDecimal x ? x : new BigDecimal(value.toString());
            d.setSafe(row, bd.setScale(d.getScale(), java.math.RoundingMode.HALF_UP));
        } else if (v instanceof DateDayVector d) {
            d.setSafe(row, ((Number) value).intValue());
        } else {
            throw new IllegalArgumentException("unsupported vector " + v.getClass().getSimpleName());
        }
    }

    private static void ensureCapacity(FieldVector v, int row) {
        while (v.getValueCapacity() <= row) {
            v.reAlloc();
        }
    }

    /** A new batch holding {@code rows} (Java values per column type), owned by the caller. */
    public static VectorSchemaRoot fromRows(RowSchema schema, List<? extends List<?>> rows, BufferAllocator allocator) {
        VectorSchemaRoot root = newRoot(schema, allocator);
        try {
            allocate(root, rows.size());
            for (int r = 0; r < rows.size(); r++) {
                List<?> row = rows.get(r);
                for (int c = 0; c < schema.size(); c++) {
                    set(root.getVector(c), r, row.get(c));
                }
            }
            root.setRowCount(rows.size());
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }
}
