package dev.runnel.exec.sketch;

import org.apache.arrow.memory.ArrowBuf;

/**
 * XXH64 (Yann Collet's xxHash, 64-bit, seed 0) of a value's bytes: a fast, well-distributed
 * 64-bit hash for sketches. Fixed-width values hash their little-endian bytes ({@link #hashLong}
 * equals the hash of the 8 bytes of the long), variable-width values hash the bytes where they lie
 * in an Arrow buffer, so nothing is copied or allocated. Stateless and thread-safe.
 */
public final class XxHash64 {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private XxHash64() {}

    /** The hash of the 8 little-endian bytes of {@code v}. */
    public static long hashLong(long v) {
        long h = P5 + 8;
        h ^= round(0, v);
        h = Long.rotateLeft(h, 27) * P1 + P4;
        return avalanche(h);
    }

    /** The hash of the 4 little-endian bytes of {@code v}. */
    public static long hashInt(int v) {
        long h = P5 + 4;
        h ^= (v & 0xFFFFFFFFL) * P1;
        h = Long.rotateLeft(h, 23) * P2 + P3;
        return avalanche(h);
    }

    /** The hash of the 16 little-endian bytes {@code low}, {@code high} (a DECIMAL's unscaled value). */
    public static long hash128(long low, long high) {
        long h = P5 + 16;
        h ^= round(0, low);
        h = Long.rotateLeft(h, 27) * P1 + P4;
        h ^= round(0, high);
        h = Long.rotateLeft(h, 27) * P1 + P4;
        return avalanche(h);
    }

    /** The hash of one byte. */
    public static long hashByte(int b) {
        long h = P5 + 1;
        h ^= (b & 0xFFL) * P5;
        h = Long.rotateLeft(h, 11) * P1;
        return avalanche(h);
    }

    /** The hash of {@code length} bytes of {@code buf} from {@code offset}. */
    public static long hash(ArrowBuf buf, long offset, int length) {
        long end = offset + length;
        long p = offset;
        long h;
        if (length >= 32) {
            long v1 = P1 + P2;
            long v2 = P2;
            long v3 = 0;
            long v4 = -P1;
            long limit = end - 32;
            do {
                v1 = round(v1, buf.getLong(p));
                v2 = round(v2, buf.getLong(p + 8));
                v3 = round(v3, buf.getLong(p + 16));
                v4 = round(v4, buf.getLong(p + 24));
                p += 32;
            } while (p <= limit);
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = mergeRound(h, v1);
            h = mergeRound(h, v2);
            h = mergeRound(h, v3);
            h = mergeRound(h, v4);
        } else {
            h = P5;
        }
        h += length;
        while (p + 8 <= end) {
            h ^= round(0, buf.getLong(p));
            h = Long.rotateLeft(h, 27) * P1 + P4;
            p += 8;
        }
        if (p + 4 <= end) {
            h ^= (buf.getInt(p) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            p += 4;
        }
        while (p < end) {
            h ^= (buf.getByte(p) & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
            p++;
        }
        return avalanche(h);
    }

    private static long round(long acc, long lane) {
        acc += lane * P2;
        acc = Long.rotateLeft(acc, 31);
        return acc * P1;
    }

    private static long mergeRound(long acc, long v) {
        acc ^= round(0, v);
        return acc * P1 + P4;
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }
}
