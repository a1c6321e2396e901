package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.expr.fn.Casts;
import dev.runnel.exec.expr.fn.Decimals;
import java.math.BigDecimal;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliVector;

/** Writes aggregate results into an output vector of the call's result type, converting as CAST would. Stateless. */
final class ResultWriter {
    private ResultWriter() {}

    static void writeNull(FieldVector out, int row) {
        BitVectorHelper.unsetBit(out.getValidityBuffer(), row);
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
