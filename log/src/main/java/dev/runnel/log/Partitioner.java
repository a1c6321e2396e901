package dev.runnel.log;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses a record's partition: Kafka's murmur2 of the key for keyed records (so the same keys land
 * in the same partitions on a Kafka backend), round-robin for records without a key. Thread-safe.
 */
public final class Partitioner {
    private final AtomicInteger roundRobin = new AtomicInteger();

    public int partition(byte[] key, int numPartitions) {
        if (key == null) {
            return toPositive(roundRobin.getAndIncrement()) % numPartitions;
        }
        return toPositive(murmur2(key)) % numPartitions;
    }

    static int toPositive(int n) {
        return n & 0x7fffffff;
    }

    /**
     * The partition of a keyed record whose key is {@code length} bytes of {@code key} from
     * {@code offset}: the same as {@link #partition} for a key array holding exactly those bytes, so
     * callers that build keys in a reused scratch buffer need not copy them.
     */
    public static int partitionForKey(byte[] key, int offset, int length, int numPartitions) {
        return toPositive(murmur2(key, offset, length)) % numPartitions;
    }

    /** Kafka's {@code Utils.murmur2}: 32-bit MurmurHash2 with seed 0x9747b28c. */
    public static int murmur2(byte[] data) {
        return murmur2(data, 0, data.length);
    }

    /** {@link #murmur2(byte[])} of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static int murmur2(byte[] bytes, int offset, int length) {
        int seed = 0x9747b28c;
        final int m = 0x5bd1e995;
        final int r = 24;
        int h = seed ^ length;
        int length4 = length / 4;
        for (int i = 0; i < length4; i++) {
            final int i4 = offset + i * 4;
            int k = (bytes[i4] & 0xff) + ((bytes[i4 + 1] & 0xff) << 8) + ((bytes[i4 + 2] & 0xff) << 16)
                    + ((bytes[i4 + 3] & 0xff) << 24);
            k *= m;
            k ^= k >>> r;
            k *= m;
            h *= m;
            h ^= k;
        }
        switch (length % 4) {
            case 3:
                h ^= (bytes[offset + (length & ~3) + 2] & 0xff) << 16;
                // fall through
            case 2:
                h ^= (bytes[offset + (length & ~3) + 1] & 0xff) << 8;
                // fall through
            case 1:
                h ^= bytes[offset + (length & ~3)] & 0xff;
                h *= m;
                break;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= m;
        h ^= h >>> 15;
        return h;
    }
}
