package dev.runnel.exec.expr.fn;

import java.util.Arrays;

/** Remembers the last LIKE pattern compiled for a non-constant pattern operand. Single-threaded. */
public final class LikeCache {
    private byte[] pattern;
    private byte[] escape;
    private LikeMatcher matcher;

    /** The matcher for {@code pattern} (UTF-8) with {@code escape} (null for none). */
    public LikeMatcher get(byte[] pattern, byte[] escape) {
        if (matcher == null || !Arrays.equals(pattern, this.pattern) || !Arrays.equals(escape, this.escape)) {
            matcher = LikeMatcher.compile(Utf8.decode(pattern), escape == null ? null : Utf8.decode(escape));
            this.pattern = pattern;
            this.escape = escape;
        }
        return matcher;
    }
}
