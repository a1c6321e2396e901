package dev.runnel.exec.expr.fn;

import java.util.Arrays;
import java.util.regex.Pattern;

/** Remembers the last regex compiled for a non-constant REGEXP_EXTRACT pattern operand. Single-threaded. */
public final class RegexCache {
    private byte[] source;
    private Pattern pattern;

    public Pattern get(byte[] regex) {
        if (pattern == null || !Arrays.equals(regex, source)) {
            pattern = StringFunctions.regex(Utf8.decode(regex));
            source = regex;
        }
        return pattern;
    }
}
