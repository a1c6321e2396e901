package dev.runnel.exec.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Parses the text forms of numbers and booleans, working on UTF-8 byte ranges so the csv and json
 * paths need no {@code String} per value: whole numbers, doubles, BOOLEAN {@code true}/{@code false}
 * (any case), DECIMAL plain ({@code 12.50}) with HALF_UP rounding to the column's scale. Numbers may
 * be surrounded by blanks. Times and dates are in {@link DateTimeText}. Stateless and thread-safe.
 */
public final class TextValues {
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private TextValues() {}

    /** Powers of ten up to 10^18. */
    public static long pow10(int n) {
        return POW10[n];
    }

    // ---- parsing ----

    public static long parseLong(byte[] b, int off, int len) throws BadValueException {
        int end = off + len;
        while (off < end && isBlank(b[off])) {
            off++;
        }
        while (end > off && isBlank(b[end - 1])) {
            end--;
        }
        if (off == end) {
            throw new BadValueException("empty number");
        }
        boolean negative = false;
        int i = off;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
            if (i == end) {
                throw bad("a number", b, off, end - off);
            }
        }
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multmin = limit / 10;
        long result = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw bad("a whole number", b, off, end - off);
            }
            if (result < multmin) {
                throw outOfRange(b, off, end - off);
            }
            result *= 10;
            if (result < limit + d) {
                throw outOfRange(b, off, end - off);
            }
            result -= d;
        }
        return negative ? result : -result;
    }

    public static int parseInt(byte[] b, int off, int len) throws BadValueException {
        long v = parseLong(b, off, len);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw outOfRange(b, off, len);
        }
        return (int) v;
    }

    public static double parseDouble(byte[] b, int off, int len) throws BadValueException {
        String s = ascii(b, off, len).trim();
        if (s.isEmpty() || !isDoubleText(s)) {
            throw bad("a number", b, off, len);
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw bad("a number", b, off, len);
        }
    }

    private static boolean isDoubleText(String s) {
        char last = s.charAt(s.length() - 1);
        // Java would also take 1d, 1f and hex floats; SQL text does not.
        return !(last == 'd' || last == 'D' || last == 'f' || last == 'F' || s.contains("x") || s.contains("X"));
    }

    public static boolean parseBoolean(byte[] b, int off, int len) throws BadValueException {
        String s = ascii(b, off, len).trim();
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw bad("a BOOLEAN (true or false)", b, off, len);
    }

    /**
     * Parses a plain decimal into its unscaled value at {@code scale} (HALF_UP) into {@code out[0]}
     * when that takes at most 18 digits; returns false, writing nothing, when the text needs the
     * general path ({@link #parseDecimal}): exponents, more digits, or anything unexpected.
     */
    public static boolean parseDecimalUnscaled(byte[] b, int off, int len, int precision, int scale, long[] out)
            throws BadValueException {
        int end = off + len;
        while (off < end && isBlank(b[off])) {
            off++;
        }
        while (end > off && isBlank(b[end - 1])) {
            end--;
        }
        int i = off;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long intPart = 0;
        int intDigits = 0;
        boolean any = false;
        for (; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
            any = true;
            int d = b[i] - '0';
            if (intDigits == 0 && d == 0) {
                continue;
            }
            if (++intDigits > 18) {
                return false;
            }
            intPart = intPart * 10 + d;
        }
        long frac = 0;
        int fracDigits = 0;
        int firstDropped = -1;
        if (i < end && b[i] == '.') {
            i++;
            for (; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
                any = true;
                if (fracDigits < scale) {
                    frac = frac * 10 + (b[i] - '0');
                    fracDigits++;
                } else if (firstDropped < 0) {
                    firstDropped = b[i] - '0';
                }
            }
        }
        if (i != end || !any || intDigits + scale > 18) {
            return false;
        }
        long unscaled = intPart * POW10[scale] + frac * POW10[scale - fracDigits];
        if (firstDropped >= 5) {
            unscaled++;
        }
        if (precision <= 18 && unscaled >= POW10[precision]) {
            throw new BadValueException("'" + shorten(ascii(b, off, end - off)) + "' does not fit DECIMAL(" + precision
                    + ", " + scale + ")");
        }
        out[0] = negative ? -unscaled : unscaled;
        return true;
    }

    /** The slow, general decimal path (exponents, up to 38 digits). */
    public static BigDecimal parseDecimal(byte[] b, int off, int len, int precision, int scale)
            throws BadValueException {
        String s = ascii(b, off, len).trim();
        try {
            return checkDecimal(new BigDecimal(s), precision, scale);
        } catch (NumberFormatException | ArithmeticException e) {
            throw bad("a DECIMAL", b, off, len);
        }
    }

    /** {@code v} at the column's scale (HALF_UP), or an error if it has too many digits. */
    public static BigDecimal checkDecimal(BigDecimal v, int precision, int scale) throws BadValueException {
        BigDecimal scaled = v.setScale(scale, RoundingMode.HALF_UP);
        if (scaled.precision() > precision && scaled.signum() != 0) {
            throw new BadValueException("'" + v.toPlainString() + "' does not fit DECIMAL(" + precision + ", " + scale + ")");
        }
        return scaled;
    }

    // ---- helpers ----

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t';
    }

    static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    private static BadValueException bad(String what, byte[] b, int off, int len) {
        return new BadValueException("'" + shorten(ascii(b, off, len)) + "' is not " + what);
    }

    private static BadValueException outOfRange(byte[] b, int off, int len) {
        return new BadValueException("'" + shorten(ascii(b, off, len)) + "' is out of range");
    }

    /** At most 60 characters of a value, for messages. */
    public static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
