package dev.runnel.exec.expr.fn;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Copies a contiguous range of rows of one column into a vector of the same kind with whole-buffer
 * copies instead of a value at a time: what a generated projection does for a column it passes on
 * unchanged (a column reference) when no selection vector picks the rows. Validity bits are copied
 * bytewise when the range starts on a byte boundary (set to all-valid when the input has no NULLs),
 * fixed-width values as one block, text as one block of bytes plus its offsets shifted to start at
 * 0. Stateless.
 */
public final class RangeCopy {
    private RangeCopy() {}

    /**
     * Copies rows {@code [from, to)} of {@code in} to rows {@code [0, to - from)} of {@code out}
     * (allocated for them, as {@code Vectors.allocate} leaves it) and sets its value count; false,
     * having changed nothing, when the vectors differ in kind or scale (the caller then copies value
     * by value).
     */
    public static boolean copy(FieldVector in, int from, int to, FieldVector out) {
        if (in.getClass() != out.getClass() || in instanceof BitVector) {
            return false;
        }
        if (in instanceof DecimalVector a && (a.getScale() != ((DecimalVector) out).getScale()
                || a.getPrecision() > ((DecimalVector) out).getPrecision())) {
            return false;
        }
        int n = to - from;
        if (n <= 0) {
            out.setValueCount(0);
            return true;
        }
        if (in instanceof BaseFixedWidthVector f) {
            long width = f.getTypeWidth();
            if (out.getValueCapacity() < n) {
                return false;
            }
            validity(in, from, to, out);
            out.getDataBuffer().setBytes(0, in.getDataBuffer(), from * width, n * width);
        } else if (in instanceof BaseVariableWidthVector v) {
            BaseVariableWidthVector o = (BaseVariableWidthVector) out;
            if (o.getValueCapacity() < n) {
                return false;
            }
            ArrowBuf inOffsets = v.getOffsetBuffer();
            int base = inOffsets.getInt((long) from << 2);
            int len = inOffsets.getInt((long) to << 2) - base;
            if (o.getDataBuffer().capacity() < len) {
                o.reallocDataBuffer(len);
            }
            validity(in, from, to, out);
            ArrowBuf outOffsets = o.getOffsetBuffer();
            if (base == 0) {
                outOffsets.setBytes(0, inOffsets, (long) from << 2, ((long) n + 1) << 2);
            } else {
                for (int j = 0; j <= n; j++) {
                    outOffsets.setInt((long) j << 2, inOffsets.getInt((long) (from + j) << 2) - base);
                }
            }
            o.getDataBuffer().setBytes(0, v.getDataBuffer(), base, len);
            o.setLastSet(n - 1);
        } else {
            return false;
        }
        out.setValueCount(n);
        return true;
    }

    private static void validity(FieldVector in, int from, int to, FieldVector out) {
        int n = to - from;
        int bytes = (n + 7) >> 3;
        ArrowBuf src = in.getValidityBuffer();
        ArrowBuf dst = out.getValidityBuffer();
        if (in.getValueCount() >= to && in.getNullCount() == 0) {
            dst.setOne(0, bytes);
        } else if ((from & 7) == 0) {
            dst.setBytes(0, src, from >> 3, bytes);
        } else {
            for (int j = 0; j < n; j++) {
                BitVectorHelper.setValidityBit(dst, j, BitVectorHelper.get(src, from + j));
            }
        }
    }
}
