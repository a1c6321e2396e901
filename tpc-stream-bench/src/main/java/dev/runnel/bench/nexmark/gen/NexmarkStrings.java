package dev.runnel.bench.nexmark.gen;

/**
 * The reference generator's strings ({@code StringsGenerator}): short random words, and the
 * {@code extra} padding cut from one 1 MiB random string so that each event reaches its average
 * size. The padding string is derived from the seed (the reference draws it unseeded). Immutable
 * after construction; the methods take the caller's random stream.
 */
final class NexmarkStrings {
    private static final int MIN_STRING_LENGTH = 3;
    private static final int REUSABLE_LENGTH = 1024 * 1024;

    private final String reusable;

    NexmarkStrings(long seed) {
        SplitMix64 r = new SplitMix64();
        r.reseed(seed, -1);
        char[] cs = new char[REUSABLE_LENGTH];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = (char) ('a' + r.nextInt(26));
        }
        reusable = new String(cs);
    }

    /** 3 to {@code maxLength - 1} characters, about 1 in 13 of them {@code special}, then trimmed. */
    static String nextString(SplitMix64 r, int maxLength, char special) {
        int len = MIN_STRING_LENGTH + r.nextInt(maxLength - MIN_STRING_LENGTH);
        char[] cs = new char[len];
        for (int i = 0; i < len; i++) {
            cs[i] = r.nextInt(13) == 0 ? special : (char) ('a' + r.nextInt(26));
        }
        return new String(cs).trim();
    }

    static String nextString(SplitMix64 r, int maxLength) {
        return nextString(r, maxLength, ' ');
    }

    /** A string of exactly {@code length} letters. */
    String nextExactString(SplitMix64 r, int length) {
        if (length < REUSABLE_LENGTH / 2) {
            int offset = r.nextInt(REUSABLE_LENGTH - length);
            return reusable.substring(offset, offset + length);
        }
        char[] cs = new char[length];
        for (int i = 0; i < length; i++) {
            cs[i] = (char) ('a' + r.nextInt(26));
        }
        return new String(cs);
    }

    /**
     * Padding such that {@code currentSize + padding length} averages {@code desiredAverageSize}:
     * uniform within ±20% of the missing size, empty if the event is already large enough.
     */
    String nextExtra(SplitMix64 r, int currentSize, int desiredAverageSize) {
        if (currentSize > desiredAverageSize) {
            return "";
        }
        int missing = desiredAverageSize - currentSize;
        int delta = (int) Math.round(missing * 0.2);
        int minSize = missing - delta;
        int size = minSize + (delta == 0 ? 0 : r.nextInt(2 * delta));
        return nextExactString(r, size);
    }
}
