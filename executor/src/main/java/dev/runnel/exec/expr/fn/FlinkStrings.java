package dev.runnel.exec.expr.fn;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Flink SQL's string and numeric functions with Flink 2.3's results, NULLs and edge cases included
 * (checked by the executor's function goldens against Flink). A null result means SQL NULL. Used by the
 * compiled code and the interpreter alike. Stateless.
 */
public final class FlinkStrings {
    private FlinkStrings() {}

    /** CONCAT_WS: NULL parts are skipped (the separator is not NULL here). */
    public static byte[] concatWs(byte[] sep, byte[]... parts) {
        int len = 0;
        int n = 0;
        for (byte[] p : parts) {
            if (p != null) {
                len += p.length + (n++ > 0 ? sep.length : 0);
            }
        }
        byte[] out = new byte[len];
        int at = 0;
        boolean first = true;
        for (byte[] p : parts) {
            if (p == null) {
                continue;
            }
            if (!first) {
                System.arraycopy(sep, 0, out, at, sep.length);
                at += sep.length;
            }
            first = false;
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** LPAD / RPAD over UTF-16 units as Flink: NULL for a negative length or an empty pad; cut when longer. */
    public static String pad(boolean left, String base, long length, String pad) {
        if (length < 0 || pad.isEmpty()) {
            return null;
        }
        int len = Casts.toInt(length);
        if (len <= base.length()) {
            return base.substring(0, len);
        }
        StringBuilder fill = new StringBuilder(len);
        int need = len - base.length();
        while (fill.length() < need) {
            fill.append(pad, 0, Math.min(pad.length(), need - fill.length()));
        }
        return left ? fill + base : base + fill;
    }

    /** A regex, or null when it does not compile (Flink's REGEXP_REPLACE and REGEXP swallow the error). */
    public static Pattern regexOrNull(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    /** REGEXP_REPLACE: the replacement is literal text; NULL for a bad regex. */
    public static String regexpReplace(Pattern p, String s, String replacement) {
        return p == null ? null : p.matcher(s).replaceAll(Matcher.quoteReplacement(replacement));
    }

    /** REGEXP: whether the regex matches part of {@code s}; FALSE for an empty or bad regex. */
    public static boolean regexp(Pattern p, String s) {
        return p != null && !p.pattern().isEmpty() && p.matcher(s).find();
    }

    /** INITCAP: runs of ASCII letters and digits start upper case and go on lower case (Calcite's and Flink's rule). */
    public static String initcap(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean digit = ch >= '0' && ch <= '9';
            boolean upper = ch >= 'A' && ch <= 'Z';
            boolean lower = ch >= 'a' && ch <= 'z';
            if (start) {
                if (lower) {
                    ch = (char) (ch - 32);
                }
                start = !(digit || upper || lower);
            } else if (upper) {
                ch = (char) (ch + 32);
            } else if (!digit && !lower) {
                start = true;
            }
            out.append(ch);
        }
        return out.toString();
    }

    /** LEFT / RIGHT: the first / last {@code n} characters; '' when {@code n <= 0}. */
    public static String leftRight(boolean left, String s, long n) {
        int count = s.codePointCount(0, s.length());
        if (n <= 0) {
            return "";
        }
        if (n >= count) {
            return s;
        }
        return left ? s.substring(0, s.offsetByCodePoints(0, (int) n))
                : s.substring(s.offsetByCodePoints(0, count - (int) n));
    }

    public static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    /** REPEAT: '' when {@code n <= 0}; a result past 2^31 characters is an error. */
    public static String repeat(String s, long n) {
        if (n <= 0 || s.isEmpty()) {
            return "";
        }
        if (n * s.length() > Integer.MAX_VALUE - 16 || n > Integer.MAX_VALUE) {
            throw SqlErrors.data("REPEAT result too long: " + n + " times " + s.length() + " characters");
        }
        return s.repeat((int) n);
    }

    /** LOCATE(sub, s, from): 1-based character position of {@code sub} at or after {@code from}, 0 if absent or from &lt; 1. */
    public static int locate(String sub, String s, long from) {
        int count = s.codePointCount(0, s.length());
        if (from < 1 || from > count + 1L) {
            return 0;
        }
        int at = s.indexOf(sub, s.offsetByCodePoints(0, (int) from - 1));
        return at < 0 ? 0 : s.codePointCount(0, at) + 1;
    }

    /** ASCII: the first UTF-8 byte as a signed byte, 0 for ''. */
    public static int ascii(byte[] s) {
        return s.length == 0 ? 0 : s[0];
    }

    /** CHR: the character {@code n mod 256}, '' when {@code n < 0}. */
    public static String chr(long n) {
        return n < 0 ? "" : String.valueOf((char) (n % 256));
    }

    public static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lower-case hex digest of UTF-8 bytes (MD5, SHA256), with a digest owned by the caller. */
    public static byte[] hexDigest(MessageDigest d, byte[] s) {
        return HexFormat.of().formatHex(d.digest(s)).getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] toBase64(byte[] s) {
        return Base64.getEncoder().encode(s);
    }

    /** FROM_BASE64: the decoded bytes as UTF-8 text; text that is not base64 is an error, as in Flink. */
    public static byte[] fromBase64(byte[] s) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw SqlErrors.data("FROM_BASE64: " + SqlErrors.quote(Utf8.decode(s)) + " is not base64");
        }
        return Utf8.encode(new String(raw, StandardCharsets.UTF_8));
    }

    /** The greater of two UTF-8 values (by code point). */
    public static byte[] max(byte[] a, byte[] b) {
        return Utf8.compare(a, b) >= 0 ? a : b;
    }

    public static byte[] min(byte[] a, byte[] b) {
        return Utf8.compare(a, b) <= 0 ? a : b;
    }

    public static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public static BigDecimal sign(BigDecimal x, int scale) {
        return BigDecimal.valueOf(x.signum()).setScale(scale);
    }

    /** TRUNCATE of a DOUBLE toward zero to {@code d} digits (Flink: through its decimal value). */
    public static double truncate(double x, long d) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return BigDecimal.valueOf(x).setScale(Casts.toInt(d), RoundingMode.DOWN).doubleValue();
    }

    public static long truncate(long x, long d) {
        if (d >= 0) {
            return x;
        }
        if (d < -18) {
            return 0;
        }
        long unit = 1;
        for (int i = 0; i < -d; i++) {
            unit *= 10;
        }
        return x - x % unit;
    }

    /** TRUNCATE of a DECIMAL toward zero to {@code d} digits, in the result's scale. */
    public static BigDecimal truncate(BigDecimal x, long d, int precision, int scale) {
        return Decimals.fit(x.setScale(Casts.toInt(d), RoundingMode.DOWN).setScale(scale, RoundingMode.DOWN),
                precision, scale);
    }

    /** The regex of a non-constant pattern operand, the last one compiled (null when bad). Single-threaded. */
    public static final class Regexes {
        private byte[] source;
        private Pattern pattern;

        public Pattern get(byte[] regex) {
            if (source == null || !java.util.Arrays.equals(regex, source)) {
                pattern = regexOrNull(Utf8.decode(regex));
                source = regex;
            }
            return pattern;
        }
    }
}
