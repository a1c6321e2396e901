package dev.runnel.exec.cluster;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Content-defined chunking of snapshot bytes (FastCDC: a gear rolling hash, a stricter mask before
 * the average size and a looser one after it, cut-point skipping up to the minimum), so that an edit
 * of a few bytes changes the chunk it falls in and at most the next, and an insertion shifts no
 * boundary beyond them: two snapshots that differ a little share most chunks. Each chunk is named by
 * its content hash (SHA-256 cut to 128 bits: collisions cannot be made on purpose; with SHA-NI about
 * 1.5 GB/s on one core). The gear table is fixed (a seeded generator), so every process of a cluster
 * cuts the same bytes the same way. Stateless.
 */
final class StateChunker {
    static final int MIN = 16 * 1024;
    static final int AVG = 64 * 1024;
    /**
     * Low: operator state is long runs of near-periodic bytes (arrays of small numbers) where the
     * gear hash rarely cuts, so those runs are cut at the maximum; at 96 KiB a changed value there
     * costs 96 KiB (measured on a 1M-key GROUP BY: 1.7% of the snapshot per commit for a hot 1% of
     * keys, against 3.2% at 256 KiB).
     */
    static final int MAX = 96 * 1024;
    /** 2 bits more than log2(AVG) before the average size (cuts rarer), 2 fewer after it (FastCDC level 2). */
    private static final long MASK_S = mask(18);
    private static final long MASK_L = mask(14);
    private static final long[] GEAR = new long[256];

    static {
        SplittableRandom r = new SplittableRandom(0x52554e4e454cL); // "RUNNEL": fixed, the layout depends on it
        for (int i = 0; i < 256; i++) {
            GEAR[i] = r.nextLong();
        }
    }

    private StateChunker() {}

    /** A mask of {@code bits} bits spread over the top 48 bits of the hash (those that saw the most bytes). */
    private static long mask(int bits) {
        long m = 0;
        int step = 48 / bits;
        for (int i = 0; i < bits; i++) {
            m |= 1L << (63 - i * step);
        }
        return m;
    }

    /**
     * The ends (exclusive offsets) of the chunks of {@code data[0..length)}, in order; the last is
     * {@code length}. Empty data has no chunks.
     */
    static int[] boundaries(byte[] data, int length) {
        int[] ends = new int[Math.max(4, length / AVG * 2 + 2)];
        int n = 0;
        int from = 0;
        while (from < length) {
            int end = cut(data, from, length);
            if (n == ends.length) {
                ends = Arrays.copyOf(ends, n * 2);
            }
            ends[n++] = end;
            from = end;
        }
        return Arrays.copyOf(ends, n);
    }

    /** The end of the chunk that starts at {@code from}. */
    private static int cut(byte[] data, int from, int length) {
        int remaining = length - from;
        if (remaining <= MIN) {
            return length;
        }
        int max = from + Math.min(remaining, MAX);
        int normal = from + Math.min(remaining, AVG);
        long fp = 0;
        int i = from + MIN;
        for (; i < normal; i++) {
            fp = (fp << 1) + GEAR[data[i] & 0xff];
            if ((fp & MASK_S) == 0) {
                return i + 1;
            }
        }
        for (; i < max; i++) {
            fp = (fp << 1) + GEAR[data[i] & 0xff];
            if ((fp & MASK_L) == 0) {
                return i + 1;
            }
        }
        return max;
    }

    /** A fresh digest for {@link #hash}; not thread-safe (one per thread or commit). */
    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The 128-bit content hash of {@code data[from..to)}. */
    static ChunkId hash(MessageDigest digest, byte[] data, int from, int to) {
        digest.reset();
        digest.update(data, from, to - from);
        byte[] d = digest.digest();
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (d[i] & 0xff);
            lo = (lo << 8) | (d[8 + i] & 0xff);
        }
        return new ChunkId(hi, lo);
    }

    /** A chunk's content hash (128 bits); written as 32 hex digits in record keys. */
    record ChunkId(long hi, long lo) {
        String hex() {
            return String.format("%016x%016x", hi, lo);
        }

        static ChunkId parse(String hex) {
            if (hex.length() != 32) {
                throw new IllegalArgumentException("not a chunk id: " + hex);
            }
            return new ChunkId(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16));
        }
    }
}
