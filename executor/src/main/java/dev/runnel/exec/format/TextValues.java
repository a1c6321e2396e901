package dev.runnel.exec.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parses and renders the text forms of values, working on UTF-8 byte ranges so the csv and json
 * paths need no {@code String} per value. The text forms are Runnel's canonical ones:
 * <ul>
 *   <li>TIMESTAMP {@code yyyy-MM-dd HH:mm:ss.SSS}; parsing also takes {@code T} for the space,
 *       fewer time fields or fraction digits (more than 3 are truncated), a trailing {@code Z} or
 *       {@code ±HH:mm} offset (converted to UTC), or a bare integer of epoch milliseconds;</li>
 *   <li>DATE {@code yyyy-MM-dd}; BOOLEAN {@code true}/{@code false} (any case);</li>
 *   <li>DECIMAL plain ({@code 12.50}), parsed with HALF_UP rounding to the column's scale.</li>
 * </ul>
 * Numbers and times may be surrounded by blanks. Stateless and thread-safe.
 */
public final class TextValues {
    private static final long MILLIS_PER_DAY = 86_400_000L;
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

    /** Epoch milliseconds (UTC, no time zone) of a timestamp text or a bare integer. */
    public static long parseTimestamp(byte[] b, int off, int len) throws BadValueException {
        int end = off + len;
        while (off < end && isBlank(b[off])) {
            off++;
        }
        while (end > off && isBlank(b[end - 1])) {
            end--;
        }
        int n = end - off;
        if (n >= 10 && b[off + 4] == '-' && b[off + 7] == '-') {
            long millis = parseDateTime(b, off, end);
            if (millis != Long.MIN_VALUE) {
                return millis;
            }
            throw bad("a TIMESTAMP (yyyy-MM-dd HH:mm:ss.SSS)", b, off, n);
        }
        try {
            return parseLong(b, off, n);
        } catch (BadValueException e) {
            throw bad("a TIMESTAMP (yyyy-MM-dd HH:mm:ss.SSS)", b, off, n);
        }
    }

    /** Days since 1970-01-01 of {@code yyyy-MM-dd}. */
    public static int parseDate(byte[] b, int off, int len) throws BadValueException {
        int end = off + len;
        while (off < end && isBlank(b[off])) {
            off++;
        }
        while (end > off && isBlank(b[end - 1])) {
            end--;
        }
        if (end - off == 10 && b[off + 4] == '-' && b[off + 7] == '-') {
            int y = digits(b, off, 4);
            int m = digits(b, off + 5, 2);
            int d = digits(b, off + 8, 2);
            if (y >= 0 && validDate(y, m, d)) {
                return (int) daysFromCivil(y, m, d);
            }
        }
        throw bad("a DATE (yyyy-MM-dd)", b, off, end - off);
    }

    private static long parseDateTime(byte[] b, int off, int end) {
        int y = digits(b, off, 4);
        int mo = digits(b, off + 5, 2);
        int d = digits(b, off + 8, 2);
        if (y < 0 || !validDate(y, mo, d)) {
            return Long.MIN_VALUE;
        }
        int i = off + 10;
        int h = 0;
        int mi = 0;
        int s = 0;
        int ms = 0;
        if (i < end && (b[i] == ' ' || b[i] == 'T' || b[i] == 't')) {
            if (i + 6 > end || b[i + 3] != ':') {
                return Long.MIN_VALUE;
            }
            h = digits(b, i + 1, 2);
            mi = digits(b, i + 4, 2);
            i += 6;
            if (i < end && b[i] == ':') {
                if (i + 3 > end) {
                    return Long.MIN_VALUE;
                }
                s = digits(b, i + 1, 2);
                i += 3;
                if (i < end && b[i] == '.') {
                    i++;
                    int k = 0;
                    for (; i < end && b[i] >= '0' && b[i] <= '9'; i++, k++) {
                        if (k < 3) {
                            ms = ms * 10 + (b[i] - '0');
                        }
                    }
                    if (k == 0 || k > 9) {
                        return Long.MIN_VALUE;
                    }
                    for (; k < 3; k++) {
                        ms *= 10;
                    }
                }
            }
            if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) {
                return Long.MIN_VALUE;
            }
        }
        long offsetMillis = 0;
        if (i < end) {
            if ((b[i] == 'Z' || b[i] == 'z') && i + 1 == end) {
                i++;
            } else if ((b[i] == '+' || b[i] == '-') && (end - i == 6 || end - i == 5 || end - i == 3)) {
                int oh = digits(b, i + 1, 2);
                int om = end - i == 3 ? 0 : digits(b, end - 2, 2);
                if (oh < 0 || oh > 18 || om < 0 || om > 59 || (end - i == 6 && b[i + 3] != ':')) {
                    return Long.MIN_VALUE;
                }
                offsetMillis = (oh * 3600_000L + om * 60_000L) * (b[i] == '-' ? -1 : 1);
                i = end;
            }
        }
        if (i != end) {
            return Long.MIN_VALUE;
        }
        return daysFromCivil(y, mo, d) * MILLIS_PER_DAY + h * 3600_000L + mi * 60_000L + s * 1000L + ms - offsetMillis;
    }

    private static int digits(byte[] b, int off, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = b[off + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static boolean validDate(int y, int m, int d) {
        return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
    }

    private static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    // ---- rendering ----

    /** Appends {@code yyyy-MM-dd HH:mm:ss.SSS} of epoch milliseconds. */
    public static void appendTimestamp(long millis, ByteBuilder out) {
        long days = Math.floorDiv(millis, MILLIS_PER_DAY);
        int inDay = (int) Math.floorMod(millis, MILLIS_PER_DAY);
        if (!appendDate(days, out)) {
            out.appendAscii(LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC).toString());
            return;
        }
        out.append((byte) ' ');
        out.appendPadded(inDay / 3600_000, 2).append((byte) ':');
        out.appendPadded(inDay / 60_000 % 60, 2).append((byte) ':');
        out.appendPadded(inDay / 1000 % 60, 2).append((byte) '.');
        out.appendPadded(inDay % 1000, 3);
    }

    public static String timestampToString(long millis) {
        ByteBuilder b = new ByteBuilder(32);
        appendTimestamp(millis, b);
        return b.toString();
    }

    /** Appends {@code yyyy-MM-dd}; false (and nothing appended) outside years 0 to 9999. */
    public static boolean appendDate(long days, ByteBuilder out) {
        long z = days + 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        y += m <= 2 ? 1 : 0;
        if (y < 0 || y > 9999) {
            return false;
        }
        out.appendPadded((int) y, 4).append((byte) '-').appendPadded(m, 2).append((byte) '-').appendPadded(d, 2);
        return true;
    }

    public static void appendDateOrIso(int days, ByteBuilder out) {
        if (!appendDate(days, out)) {
            out.appendAscii(java.time.LocalDate.ofEpochDay(days).toString());
        }
    }

    /** Appends a decimal's plain text from its unscaled value. */
    public static void appendDecimal(BigDecimal v, ByteBuilder out) {
        out.appendAscii(v.toPlainString());
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
