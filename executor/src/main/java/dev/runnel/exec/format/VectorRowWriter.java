package dev.runnel.exec.format;

import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Writes decoded rows, one value at a time, into Arrow vectors of a relation's payload columns:
 * what the row formats (json, csv) and COPY decode into. Column {@code c} is payload column
 * {@code c}; a column without a vector (not projected) is skipped by decoders that ask
 * {@link #wants}. Values convert to the column's type here, so a wrong type or out-of-range value
 * becomes a {@link BadValueException} naming the column.
 *
 * <p>Call order per row: any setters for the current row (each column at most once, unset columns
 * are filled with NULL by {@link #endRow}), then {@link #endRow} to keep it or {@link #discardRow}
 * to drop it (a later row overwrites what was set); then {@link #finish} sets the value counts.
 * Vectors are owned by the caller. Not thread-safe.
 */
public final class VectorRowWriter {
    private final List<Column> columns;
    private final TypeKind[] kinds;
    private final int[] precision;
    private final int[] scale;
    private final boolean[] nullable;
    private final FieldVector[] vectors;
    private final int[] setInRow;
    private final long[] unscaled = new long[1];
    private int row;

    /** @param vectors one per payload column, null for columns not wanted */
    public VectorRowWriter(List<Column> columns, FieldVector[] vectors) {
        if (vectors.length != columns.size()) {
            throw new IllegalArgumentException(vectors.length + " vectors for " + columns.size() + " columns");
        }
        this.columns = List.copyOf(columns);
        int n = columns.size();
        this.kinds = new TypeKind[n];
        this.precision = new int[n];
        this.scale = new int[n];
        this.nullable = new boolean[n];
        for (int i = 0; i < n; i++) {
            DataType t = columns.get(i).type();
            kinds[i] = t.kind();
            precision[i] = t.precision();
            scale[i] = t.scale();
            nullable[i] = t.nullable();
        }
        this.vectors = vectors.clone();
        this.setInRow = new int[n];
        java.util.Arrays.fill(setInRow, -1);
    }

    public int columnCount() {
        return kinds.length;
    }

    public Column column(int c) {
        return columns.get(c);
    }

    public TypeKind kind(int c) {
        return kinds[c];
    }

    /** Whether column {@code c} is decoded at all. */
    public boolean wants(int c) {
        return vectors[c] != null;
    }

    /** Rows kept so far (the index of the row being written). */
    public int rowCount() {
        return row;
    }

    /** Whether column {@code c} is NULL (or not set yet) in the current row. */
    public boolean isNullInRow(int c) {
        return setInRow[c] != row || vectors[c] == null || vectors[c].isNull(row);
    }

    /** Keeps the current row: columns not set in it become NULL (an error for NOT NULL columns). */
    public void endRow() throws BadValueException {
        for (int c = 0; c < vectors.length; c++) {
            if (vectors[c] != null && setInRow[c] != row) {
                setNull(c);
            }
        }
        row++;
    }

    /**
     * Keeps the current row as a deletion's: the columns not set in it (all but its key's) become
     * NULL, NOT NULL ones too — they hold no values, only the key says what is deleted (a
     * tombstone's row). A NOT NULL column of such a row is not to be read.
     */
    public void endDeletion() {
        for (int c = 0; c < vectors.length; c++) {
            if (vectors[c] != null && setInRow[c] != row) {
                mark(c);
                vectors[c].setNull(row);
            }
        }
        row++;
    }

    /** Drops whatever was set in the current row; the next row reuses its index. */
    public void discardRow() {
        java.util.Arrays.fill(setInRow, -1);
    }

    /**
     * Takes back the last row {@link #endRow} kept (a decoder that wrote several rows for one record
     * and then found it bad); the next row reuses its index.
     */
    public void dropLastRow() {
        if (row == 0) {
            throw new IllegalStateException("no row to drop");
        }
        row--;
        java.util.Arrays.fill(setInRow, -1);
    }

    /** Whether column {@code c} holds the same value (NULL equal to NULL) in kept rows {@code a} and {@code b}. */
    public boolean sameValue(int c, int a, int b) {
        FieldVector v = vectors[c];
        boolean nullA = v.isNull(a);
        if (nullA || v.isNull(b)) {
            return nullA == v.isNull(b);
        }
        return java.util.Objects.equals(v.getObject(a), v.getObject(b));
    }

    /** Sets every vector's value count to the rows kept. */
    public void finish() {
        for (FieldVector v : vectors) {
            if (v != null) {
                v.setValueCount(row);
            }
        }
    }

    /** Starts over at row 0 (after the caller emptied or replaced the vectors). */
    public void reset(FieldVector[] newVectors) {
        System.arraycopy(newVectors, 0, vectors, 0, vectors.length);
        row = 0;
        java.util.Arrays.fill(setInRow, -1);
    }

    public void setNull(int c) throws BadValueException {
        if (!nullable[c]) {
            throw bad(c, "NULL in a NOT NULL column");
        }
        mark(c);
        vectors[c].setNull(row);
    }

    /** An integral value: for whole-number, time, interval, decimal and double columns. */
    public void setLong(int c, long v) throws BadValueException {
        mark(c);
        switch (kinds[c]) {
            case BIGINT, INTERVAL_DAY_TIME -> ((BigIntVector) vectors[c]).setSafe(row, v);
            case TIMESTAMP -> ((TimeStampMilliVector) vectors[c]).setSafe(row, v);
            case INT, INTERVAL_YEAR_MONTH, DATE -> {
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw bad(c, v + " is out of range for " + columns.get(c).type().toSql());
                }
                if (kinds[c] == TypeKind.DATE) {
                    ((DateDayVector) vectors[c]).setSafe(row, (int) v);
                } else {
                    ((IntVector) vectors[c]).setSafe(row, (int) v);
                }
            }
            case DOUBLE -> ((Float8Vector) vectors[c]).setSafe(row, (double) v);
            case DECIMAL -> setDecimalUnscaled(c, v, 0);
            case BOOLEAN, VARCHAR, NULL -> throw wrongType(c, "a number");
        }
    }

    public void setDouble(int c, double v) throws BadValueException {
        mark(c);
        switch (kinds[c]) {
            case DOUBLE -> ((Float8Vector) vectors[c]).setSafe(row, v);
            case DECIMAL -> {
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    throw bad(c, v + " is not a DECIMAL");
                }
                setDecimal(c, BigDecimal.valueOf(v));
            }
            default -> throw wrongType(c, "a fractional number");
        }
    }

    public void setDecimal(int c, BigDecimal v) throws BadValueException {
        mark(c);
        switch (kinds[c]) {
            case DECIMAL -> {
                try {
                    ((DecimalVector) vectors[c]).setSafe(row, TextValues.checkDecimal(v, precision[c], scale[c]));
                } catch (BadValueException e) {
                    throw bad(c, e.reason());
                }
            }
            case DOUBLE -> ((Float8Vector) vectors[c]).setSafe(row, v.doubleValue());
            case INT, BIGINT, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> {
                long whole;
                try {
                    whole = v.longValueExact();
                } catch (ArithmeticException e) {
                    throw bad(c, v.toPlainString() + " is not a whole number in range");
                }
                setLong(c, whole);
            }
            default -> throw wrongType(c, "a number");
        }
    }

    public void setBoolean(int c, boolean v) throws BadValueException {
        mark(c);
        if (kinds[c] != TypeKind.BOOLEAN) {
            throw wrongType(c, "a boolean");
        }
        ((BitVector) vectors[c]).setSafe(row, v ? 1 : 0);
    }

    /** A string value, UTF-8; for VARCHAR columns it is stored, for others parsed as text. */
    public void setUtf8(int c, byte[] b, int off, int len) throws BadValueException {
        if (kinds[c] != TypeKind.VARCHAR) {
            setText(c, b, off, len);
            return;
        }
        mark(c);
        if (!Utf8.isValid(b, off, len)) {
            throw bad(c, "text is not valid UTF-8");
        }
        int max = precision[c];
        if (max != DataType.UNBOUNDED && len > max && Utf8.codePoints(b, off, len) > max) {
            throw bad(c, "text of " + Utf8.codePoints(b, off, len) + " characters is longer than VARCHAR(" + max + ")");
        }
        ((VarCharVector) vectors[c]).setSafe(row, b, off, len);
    }

    /** A value in its text form (see {@link TextValues}), parsed for the column's type. */
    public void setText(int c, byte[] b, int off, int len) throws BadValueException {
        mark(c);
        try {
            switch (kinds[c]) {
                case VARCHAR -> setUtf8(c, b, off, len);
                case BIGINT, INTERVAL_DAY_TIME -> ((BigIntVector) vectors[c]).setSafe(row, TextValues.parseLong(b, off, len));
                case INT, INTERVAL_YEAR_MONTH -> ((IntVector) vectors[c]).setSafe(row, TextValues.parseInt(b, off, len));
                case TIMESTAMP -> ((TimeStampMilliVector) vectors[c]).setSafe(row, DateTimeText.parseTimestamp(b, off, len));
                case DATE -> ((DateDayVector) vectors[c]).setSafe(row, DateTimeText.parseDate(b, off, len));
                case DOUBLE -> ((Float8Vector) vectors[c]).setSafe(row, TextValues.parseDouble(b, off, len));
                case BOOLEAN -> ((BitVector) vectors[c]).setSafe(row, TextValues.parseBoolean(b, off, len) ? 1 : 0);
                case DECIMAL -> {
                    if (TextValues.parseDecimalUnscaled(b, off, len, precision[c], scale[c], unscaled)) {
                        ((DecimalVector) vectors[c]).setSafe(row, unscaled[0]);
                    } else {
                        ((DecimalVector) vectors[c]).setSafe(row,
                                TextValues.parseDecimal(b, off, len, precision[c], scale[c]));
                    }
                }
                case NULL -> throw new BadValueException("a NULL column holds no values");
            }
        } catch (BadValueException e) {
            if (e.reason().startsWith("column '")) {
                throw e;
            }
            throw bad(c, e.reason());
        }
    }

    private void setDecimalUnscaled(int c, long v, int valueScale) throws BadValueException {
        int up = scale[c] - valueScale;
        if (up > 18 || (up > 0 && Math.abs(v) > Long.MAX_VALUE / TextValues.pow10(up))) {
            setDecimal(c, BigDecimal.valueOf(v, valueScale));
            return;
        }
        long u = v * TextValues.pow10(up);
        if (precision[c] <= 18 && Math.abs(u) >= TextValues.pow10(precision[c])) {
            throw bad(c, v + " does not fit " + columns.get(c).type().toSql());
        }
        ((DecimalVector) vectors[c]).setSafe(row, u);
    }

    private void mark(int c) {
        setInRow[c] = row;
    }

    private BadValueException wrongType(int c, String given) {
        return bad(c, "expected " + columns.get(c).type().toSql() + ", found " + given);
    }

    private BadValueException bad(int c, String reason) {
        return new BadValueException("column '" + columns.get(c).name() + "': " + reason);
    }
}
