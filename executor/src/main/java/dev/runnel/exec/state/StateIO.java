package dev.runnel.exec.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * The building blocks of operator state snapshots ({@code Operator.snapshot}): primitive arrays
 * written in bulk, a chunk of bytes per write instead of a call per value, so state of millions of
 * groups goes out at memory speed; a format version and tags that let a restore fail clearly when it
 * reads state written by another plan or release.
 *
 * <p>Byte layout (big-endian, as {@link DataOutputStream}): a {@code long[]}/{@code int[]}/
 * {@code double[]} range is its values, 8/4/8 bytes each, no count (the caller writes counts it
 * needs); a {@code boolean[]} range is a bit set, {@code ceil(n / 8)} bytes, bit {@code i % 8} of
 * byte {@code i / 8} for value {@code i}; a DECIMAL is its scale (int), the length of its unscaled
 * two's-complement bytes (int) and those bytes; a byte string is its length (int) and its bytes.
 * Stateless.
 */
public final class StateIO {
    private static final int CHUNK = 64 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private StateIO() {}

    /** A scratch buffer for {@code count} values of {@code width} bytes: at most {@link #CHUNK}. */
    private static byte[] chunk(int count, int width) {
        return new byte[(int) Math.min(CHUNK, Math.max(width, (long) count * width))];
    }

    /** Writes the version of a piece of state's layout; {@link #checkVersion} reads it back. */
    public static void writeVersion(DataOutputStream out, int version) throws IOException {
        out.writeByte(version);
    }

    /** Reads a layout version and fails, naming {@code what}, unless it is {@code expected}. */
    public static void checkVersion(DataInputStream in, int expected, String what) throws IOException {
        int v = in.readUnsignedByte();
        if (v != expected) {
            throw new IOException("the state of " + what + " has layout version " + v + "; this release reads "
                    + expected);
        }
    }

    /** Writes a one-byte tag naming the kind of state that follows. */
    public static void writeTag(DataOutputStream out, char tag) throws IOException {
        out.writeByte(tag);
    }

    /** Reads a tag and fails unless it is {@code expected}: the state is of another kind (another plan). */
    public static void checkTag(DataInputStream in, char expected, String what) throws IOException {
        int t = in.readUnsignedByte();
        if (t != expected) {
            throw new IOException("the checkpoint holds state of kind '" + (char) t + "' where " + what + " (kind '"
                    + expected + "') runs: it is of another plan");
        }
    }

    /** Reads a count written with {@link DataOutputStream#writeInt} and checks it is {@code expected}. */
    public static void checkCount(DataInputStream in, int expected, String what) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw new IOException("the checkpoint has " + n + " " + what + " where this plan has " + expected);
        }
    }

    /** Reads a non-negative count, failing on a negative one (damaged state). */
    public static int readCount(DataInputStream in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative count of " + what + " in a checkpoint: " + n);
        }
        return n;
    }

    public static void writeLongs(DataOutputStream out, long[] values, int from, int count) throws IOException {
        byte[] buf = chunk(count, 8);
        int per = buf.length / 8;
        for (int at = 0; at < count; at += per) {
            int n = Math.min(per, count - at);
            for (int i = 0; i < n; i++) {
                LONGS.set(buf, i << 3, values[from + at + i]);
            }
            out.write(buf, 0, n << 3);
        }
    }

    public static void readLongs(DataInputStream in, long[] values, int from, int count) throws IOException {
        byte[] buf = chunk(count, 8);
        int per = buf.length / 8;
        for (int at = 0; at < count; at += per) {
            int n = Math.min(per, count - at);
            in.readFully(buf, 0, n << 3);
            for (int i = 0; i < n; i++) {
                values[from + at + i] = (long) LONGS.get(buf, i << 3);
            }
        }
    }

    public static void writeInts(DataOutputStream out, int[] values, int from, int count) throws IOException {
        byte[] buf = chunk(count, 4);
        int per = buf.length / 4;
        for (int at = 0; at < count; at += per) {
            int n = Math.min(per, count - at);
            for (int i = 0; i < n; i++) {
                INTS.set(buf, i << 2, values[from + at + i]);
            }
            out.write(buf, 0, n << 2);
        }
    }

    public static void readInts(DataInputStream in, int[] values, int from, int count) throws IOException {
        byte[] buf = chunk(count, 4);
        int per = buf.length / 4;
        for (int at = 0; at < count; at += per) {
            int n = Math.min(per, count - at);
            in.readFully(buf, 0, n << 2);
            for (int i = 0; i < n; i++) {
                values[from + at + i] = (int) INTS.get(buf, i << 2);
            }
        }
    }

    /** Doubles by their raw bits: -0.0 and NaN payloads come back as they were. */
    public static void writeDoubles(DataOutputStream out, double[] values, int from, int count) throws IOException {
        byte[] buf = chunk(count, 8);
        int per = buf.length / 8;
        for (int at = 0; at < count; at += per) {
            int n = Math.min(per, count - at);
            for (int i = 0; i < n; i++) {
                LONGS.set(buf, i << 3, Double.doubleToRawLongBits(values[from + at + i]));
            }
            out.write(buf, 0, n << 3);
        }
    }

    public static void readDoubles(DataInputStream in, double[] values, int from, int count) throws IOException {
        byte[] buf = chunk(count, 8);
        int per = buf.length / 8;
        for (int at = 0; at < count; at += per) {
            int n = Math.min(per, count - at);
            in.readFully(buf, 0, n << 3);
            for (int i = 0; i < n; i++) {
                values[from + at + i] = Double.longBitsToDouble((long) LONGS.get(buf, i << 3));
            }
        }
    }

    /** Booleans packed eight to a byte. */
    public static void writeBits(DataOutputStream out, boolean[] values, int from, int count) throws IOException {
        byte[] buf = chunk((count + 7) >>> 3, 1);
        int per = buf.length * 8;
        for (int at = 0; at < count; at += per) {
            int n = Math.min(per, count - at);
            int bytes = (n + 7) >>> 3;
            java.util.Arrays.fill(buf, 0, bytes, (byte) 0);
            for (int i = 0; i < n; i++) {
                if (values[from + at + i]) {
                    buf[i >>> 3] |= (byte) (1 << (i & 7));
                }
            }
            out.write(buf, 0, bytes);
        }
    }

    public static void readBits(DataInputStream in, boolean[] values, int from, int count) throws IOException {
        byte[] buf = chunk((count + 7) >>> 3, 1);
        int per = buf.length * 8;
        for (int at = 0; at < count; at += per) {
            int n = Math.min(per, count - at);
            in.readFully(buf, 0, (n + 7) >>> 3);
            for (int i = 0; i < n; i++) {
                values[from + at + i] = (buf[i >>> 3] & (1 << (i & 7))) != 0;
            }
        }
    }

    public static void writeDecimal(DataOutputStream out, BigDecimal d) throws IOException {
        byte[] unscaled = d.unscaledValue().toByteArray();
        out.writeInt(d.scale());
        out.writeInt(unscaled.length);
        out.write(unscaled);
    }

    public static BigDecimal readDecimal(DataInputStream in) throws IOException {
        int scale = in.readInt();
        byte[] unscaled = new byte[readCount(in, "decimal bytes")];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    public static void writeByteString(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    public static byte[] readByteString(DataInputStream in) throws IOException {
        byte[] b = new byte[readCount(in, "bytes")];
        in.readFully(b);
        return b;
    }
}
