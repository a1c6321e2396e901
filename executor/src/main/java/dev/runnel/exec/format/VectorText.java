package dev.runnel.exec.format;

import dev.runnel.sql.type.TypeKind;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
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
 * Renders one non-null value of an Arrow vector in Runnel's canonical text (see {@link TextValues}):
 * what record keys, csv fields and json strings are made of. Reads buffers directly, without
 * boxing. Stateless.
 */
public final class VectorText {
    private VectorText() {}

    /** Appends the canonical text of the (non-null) value at {@code row}. */
    public static void append(FieldVector v, TypeKind kind, int row, ByteBuilder out) {
        switch (kind) {
            case VARCHAR -> appendUtf8(v, row, out);
            case BIGINT, INTERVAL_DAY_TIME -> out.appendLong(((BigIntVector) v).get(row));
            case INT, INTERVAL_YEAR_MONTH -> out.appendLong(((IntVector) v).get(row));
            case TIMESTAMP -> DateTimeText.appendTimestamp(((TimeStampMilliVector) v).get(row), out);
            case DATE -> DateTimeText.appendDateOrIso(((DateDayVector) v).get(row), out);
            case DOUBLE -> out.appendAscii(Double.toString(((Float8Vector) v).get(row)));
            case BOOLEAN -> out.appendAscii(((BitVector) v).get(row) != 0 ? "true" : "false");
            case DECIMAL -> appendDecimal((DecimalVector) v, row, out);
            case NULL -> throw new IllegalStateException("a NULL column has no values");
        }
    }

    /** Appends the UTF-8 bytes of a VARCHAR value. */
    public static void appendUtf8(FieldVector v, int row, ByteBuilder out) {
        VarCharVector s = (VarCharVector) v;
        ArrowBuf offsets = s.getOffsetBuffer();
        int start = offsets.getInt((long) row * 4);
        int len = offsets.getInt((long) (row + 1) * 4) - start;
        out.ensureSpace(len);
        s.getDataBuffer().getBytes(start, out.array(), out.length(), len);
        out.truncate(out.length() + len);
    }

    /** Plain text of a decimal; small precisions read the low 64 bits without a BigDecimal. */
    public static void appendDecimal(DecimalVector d, int row, ByteBuilder out) {
        int scale = d.getScale();
        if (d.getPrecision() <= 18) {
            long unscaled = ((BaseFixedWidthVector) d).getDataBuffer().getLong((long) row * DecimalVector.TYPE_WIDTH);
            if (unscaled < 0) {
                out.append((byte) '-');
                unscaled = -unscaled;
            }
            long pow = TextValues.pow10(scale);
            out.appendLong(unscaled / pow);
            if (scale > 0) {
                out.append((byte) '.').appendPaddedLong(unscaled % pow, scale);
            }
            return;
        }
        out.appendAscii(d.getObject(row).toPlainString());
    }

    /** Appends {@code len} UTF-8 bytes as the body of a JSON string (without quotes), escaped. */
    public static void appendJsonEscaped(byte[] b, int off, int len, ByteBuilder out) {
        out.ensureSpace(len);
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == '"' || c == '\\') {
                out.append((byte) '\\').append(c);
            } else if (c >= 0 && c < 0x20) {
                switch (c) {
                    case '\n' -> out.append((byte) '\\').append((byte) 'n');
                    case '\r' -> out.append((byte) '\\').append((byte) 'r');
                    case '\t' -> out.append((byte) '\\').append((byte) 't');
                    default -> out.appendAscii(String.format("\\u%04x", (int) c));
                }
            } else {
                out.append(c);
            }
        }
    }
}
