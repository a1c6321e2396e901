package dev.runnel.bench.nexmark.gen;

/**
 * A small, reseedable SplitMix64 random stream. The generator reseeds it for every event from
 * (seed, event id), so an event does not depend on the ones before it: generation is random
 * access, identical in every JVM, and needs no allocation per event. Not thread-safe.
 */
final class SplitMix64 {
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;
    private long state;

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Restarts the stream at a state derived from both values. */
    void reseed(long seed, long stream) {
        state = mix64(seed * GOLDEN + mix64(stream + GOLDEN));
    }

    long nextLong() {
        state += GOLDEN;
        return mix64(state);
    }

    /** Uniform in [0, bound), bound &gt; 0 (multiply-shift: the bias is below bound / 2^32). */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [0, bound), bound &gt; 0; the reference's {@code LongGenerator.nextLong}. */
    long nextLong(long bound) {
        if (bound < Integer.MAX_VALUE) {
            return nextInt((int) bound);
        }
        return Math.floorMod(nextLong(), bound);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
