package dev.runnel.exec.sketch;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A HyperLogLog sketch of a set of 64-bit hashes: estimates how many different hashes were added,
 * with precision {@value #PRECISION} ({@code m = 2^14} registers, relative standard error
 * {@code 1.04 / sqrt(m)}, about 0.81%).
 *
 * <p>Two phases, as in HyperLogLog++: while at most {@value #EXACT_LIMIT} different hashes have been
 * added they are kept as they are (sparse phase: an open-addressing set of longs, growing by
 * doubling), and the estimate is their exact count, wrong only if two different values share a
 * 64-bit hash. One more hash turns the sketch dense: {@code m} one-byte registers, register
 * {@code hash >>> (64 - p)} holding the largest {@code 1 + leading zeros} of the remaining
 * {@code 64 - p} bits. A dense sketch is estimated with Otmar Ertl's improved estimator ("New
 * cardinality estimation algorithms for HyperLogLog sketches", 2017), which corrects the small-range
 * bias of the raw HyperLogLog estimate without empirical tables and needs no large-range correction
 * for 64-bit hashes. Memory: at most {@code 16 * EXACT_LIMIT} bytes sparse, {@code m} bytes dense
 * (16 KiB).
 *
 * <p>State ({@link #snapshot}): whether the sketch is dense (boolean); dense, its {@code m}
 * registers (bytes); sparse, the count of different hashes (int), whether hash 0 is among them
 * (boolean), the set's table length (int) and the table (longs, 0 for an empty slot).
 * Single-threaded.
 */
public final class HyperLogLog {
    public static final int PRECISION = 14;
    /** The most different hashes counted exactly. */
    public static final int EXACT_LIMIT = 1024;
    private static final int M = 1 << PRECISION;
    private static final int Q = 64 - PRECISION;
    private static final double ALPHA_INF = 0.5 / Math.log(2);
    /** Stands for hash 0 in the sparse set, whose empty slots are 0. */
    private static final long ZERO = 0x9E3779B97F4A7C15L;

    private long[] sparse = new long[8];
    private int sparseCount;
    private boolean hasZero;
    private byte[] registers;

    /** Adds one hash (of a value: see {@link XxHash64}). */
    public void add(long hash) {
        if (registers != null) {
            addDense(hash);
            return;
        }
        if (hash == 0) {
            if (!hasZero) {
                hasZero = true;
                if (++sparseCount > EXACT_LIMIT) {
                    toDense();
                }
            }
            return;
        }
        if (insert(sparse, hash) && ++sparseCount > EXACT_LIMIT) {
            toDense();
        } else if (sparseCount * 2 > sparse.length) {
            long[] bigger = new long[sparse.length * 2];
            for (long h : sparse) {
                if (h != 0) {
                    insert(bigger, h);
                }
            }
            sparse = bigger;
        }
    }

    /** Inserts a non-zero hash into an open-addressing set; true if it was not there. */
    private static boolean insert(long[] table, long hash) {
        int mask = table.length - 1;
        int slot = (int) (hash ^ (hash >>> 32)) & mask;
        while (true) {
            long h = table[slot];
            if (h == 0) {
                table[slot] = hash;
                return true;
            }
            if (h == hash) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void toDense() {
        registers = new byte[M];
        for (long h : sparse) {
            if (h != 0) {
                addDense(h);
            }
        }
        if (hasZero) {
            addDense(0);
        }
        sparse = null;
    }

    private void addDense(long hash) {
        int index = (int) (hash >>> Q);
        long rest = hash << PRECISION;
        int rank = rest == 0 ? Q + 1 : Long.numberOfLeadingZeros(rest) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    /** Whether the sketch still counts exactly (at most {@value #EXACT_LIMIT} different hashes so far). */
    public boolean exact() {
        return registers == null;
    }

    /** The estimated number of different hashes added (exact while {@link #exact()}). */
    public long estimate() {
        if (registers == null) {
            return sparseCount;
        }
        int[] counts = new int[Q + 2];
        for (byte r : registers) {
            counts[r]++;
        }
        double z = M * tau(1.0 - (double) counts[Q + 1] / M);
        for (int k = Q; k >= 1; k--) {
            z += counts[k];
            z *= 0.5;
        }
        z += M * sigma((double) counts[0] / M);
        return Math.round(ALPHA_INF * M * (double) M / z);
    }

    /** Ertl's sigma(x) = x + sum_{k>=1} x^(2^k) 2^(k-1), for the share of empty registers. */
    private static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double y = 1;
        double z = x;
        double previous;
        do {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        } while (previous != z);
        return z;
    }

    /** Ertl's tau(x) = (1 - x - sum_{k>=1} (1 - x^(2^-k))^2 2^-k) / 3, for the share of full registers. */
    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double y = 1.0;
        double z = 1 - x;
        double previous;
        do {
            x = Math.sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y;
        } while (previous != z);
        return z / 3;
    }

    /** Approximate heap bytes held. */
    public long retainedBytes() {
        return 32 + (registers != null ? 16L + registers.length : 16L + 8L * sparse.length);
    }

    @Override
    public String toString() {
        return "HyperLogLog[" + (registers == null ? "exact " + sparseCount : "dense, ~" + estimate()) + "]";
    }

    /** Writes the sketch (see the class comment). */
    public void snapshot(DataOutputStream out) throws IOException {
        out.writeBoolean(registers != null);
        if (registers != null) {
            out.write(registers);
            return;
        }
        out.writeInt(sparseCount);
        out.writeBoolean(hasZero);
        out.writeInt(sparse.length);
        StateIO.writeLongs(out, sparse, 0, sparse.length); // as it is: a restored set probes alike
    }

    /** A sketch holding what {@link #snapshot} wrote: it estimates and grows as the written one would. */
    public static HyperLogLog restore(DataInputStream in) throws IOException {
        HyperLogLog s = new HyperLogLog();
        if (in.readBoolean()) {
            s.registers = new byte[M];
            in.readFully(s.registers);
            s.sparse = null;
            return s;
        }
        s.sparseCount = StateIO.readCount(in, "sketch hashes");
        s.hasZero = in.readBoolean();
        int length = in.readInt();
        if (Integer.bitCount(length) != 1 || length > 8 * EXACT_LIMIT || s.sparseCount > EXACT_LIMIT) {
            throw new IOException("damaged sketch state: " + s.sparseCount + " hashes in a set of " + length);
        }
        s.sparse = new long[length];
        StateIO.readLongs(in, s.sparse, 0, length);
        return s;
    }
}
