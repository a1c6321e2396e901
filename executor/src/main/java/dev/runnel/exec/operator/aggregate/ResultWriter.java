package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.expr.fn.Casts;
import dev.runnel.exec.expr.fn.Decimals;
import java.math.BigDecimal;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;

/** Writes aggregate results into an output vector of the call's result type, converting as CAST would. Stateless. */
final class ResultWriter {
    private ResultWriter() {}

    static void writeNull(FieldVector out, int row) {
        BitVectorHelper.unsetBit(out.getValidityBuffer(), row);
    }

    /**
     * Writes {@code v} as the raw value of a fixed-width integral vector of the argument's own type
     * (8 or 4 bytes wide, or a BIT holding 0/1): what MIN and MAX keep of BIGINT, INT, TIMESTAMP,
     * DATE, intervals and BOOLEAN.
     */
    static void writeRaw(FieldVector out, int row, long v) {
        ArrowBuf data = out.getDataBuffer();
        if (out instanceof BitVector) {
            if (v != 0) {
                BitVectorHelper.setBit(data, row);
            } else {
                BitVectorHelper.unsetBit(data, row);
            }
        } else if (((BaseFixedWidthVector) out).getTypeWidth() == 8) {
            data.setLong((long) row << 3, v);
        } else {
            data.setInt((long) row << 2, (int) v);
        }
        BitVectorHelper.setBit(out.getValidityBuffer(), row);
    }

    /** Writes a kept DECIMAL ({@link BigDecimal}) or VARCHAR (UTF-8 {@code byte[]}) value, NULL for null. */
    static void writeObject(FieldVector out, int row, Object v) {
        if (v == null) {
            writeNull(out, row);
        } else if (out instanceof VarCharVector s) {
            s.setSafe(row, (byte[]) v);
        } else {
            DecimalVector d = (DecimalVector) out;
            d.set(row, Decimals.fit((BigDecimal) v, d.getPrecision(), d.getScale()));
        }
    }

    static void writeLong(FieldVector out, int row, long v) {
        if (out instanceof BigIntVector b) {
            b.set(row, v);
        } else if (out instanceof IntVector i) {
            i.set(row, Casts.toInt(v));
        } else if (out instanceof Float8Vector d) {
            d.set(row, (double) v);
        } else if (out instanceof DecimalVector d) {
            d.set(row, Casts.toDecimal(v, d.getPrecision(), d.getScale()));
        } else if (out instanceof TimeStampMilliVector t) {
            t.set(row, v);
        } else {
            throw new IllegalArgumentException("cannot write an integer into " + out.getField());
        }
    }

    static void writeDouble(FieldVector out, int row, double v) {
        if (out instanceof Float8Vector d) {
            d.set(row, v);
        } else if (out instanceof BigIntVector b) {
            b.set(row, Casts.toLong(v));
        } else if (out instanceof IntVector i) {
            i.set(row, Casts.toInt(v));
        } else if (out instanceof DecimalVector d) {
            d.set(row, Casts.toDecimal(v, d.getPrecision(), d.getScale()));
        } else {
            throw new IllegalArgumentException("cannot write a double into " + out.getField());
        }
    }

    static void writeDecimal(FieldVector out, int row, BigDecimal v) {
        if (out instanceof DecimalVector d) {
            d.set(row, Decimals.fit(v, d.getPrecision(), d.getScale()));
        } else if (out instanceof Float8Vector d) {
            d.set(row, v.doubleValue());
        } else if (out instanceof BigIntVector b) {
            b.set(row, Casts.toLong(v));
        } else if (out instanceof IntVector i) {
            i.set(row, Casts.toInt(v));
        } else {
            throw new IllegalArgumentException("cannot write a decimal into " + out.getField());
        }
    }
}
