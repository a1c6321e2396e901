package dev.runnel.exec.expr.fn;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * CAST between SQL types in their Java representations. Numbers narrow with a range check and
 * truncate toward zero (DOUBLE/DECIMAL to INT/BIGINT); DECIMAL results round HALF_UP to the target
 * scale. Text parses after trimming blanks; a value that does not fit or parse is a data error that
 * quotes it. Stateless.
 */
public final class Casts {
    private Casts() {}

    private static RuntimeException outOfRange(String value, String type) {
        return SqlErrors.data("value " + value + " is out of range for " + type);
    }

    private static RuntimeException cannotParse(String text, String type) {
        return SqlErrors.data("cannot cast " + SqlErrors.quote(text) + " to " + type);
    }

    // ---- to INT ----

    public static int toInt(long v) {
        if ((int) v != v) {
            throw outOfRange(Long.toString(v), "INT");
        }
        return (int) v;
    }

    public static int toInt(double v) {
        if (!(v > -2147483649.0 && v < 2147483648.0)) {
            throw outOfRange(Double.toString(v), "INT");
        }
        return (int) v;
    }

    public static int toInt(BigDecimal v) {
        BigDecimal t = v.setScale(0, RoundingMode.DOWN);
        if (t.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                || t.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw outOfRange(v.toPlainString(), "INT");
        }
        return t.intValue();
    }

    public static int parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            long v = wholePart(s, "INT");
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw cannotParse(s, "INT");
            }
            return (int) v;
        }
    }

    /**
     * A number with a fractional part ({@code 1.7}, {@code -.5}, {@code 5.}) cut toward zero, as Flink
     * casts such text to INT and BIGINT; anything else is the cast's data error.
     */
    private static long wholePart(String s, String type) {
        String t = s.strip();
        int dot = t.indexOf('.');
        int start = !t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+') ? 1 : 0;
        if (dot < 0 || t.length() - start < 2) {
            throw cannotParse(s, type);
        }
        for (int i = start; i < t.length(); i++) {
            if (i != dot && (t.charAt(i) < '0' || t.charAt(i) > '9')) {
                throw cannotParse(s, type);
            }
        }
        if (dot == start) {
            return 0;
        }
        try {
            return Long.parseLong(t.substring(0, dot));
        } catch (NumberFormatException e) {
            throw cannotParse(s, type);
        }
    }

    // ---- to BIGINT ----

    public static long toLong(double v) {
        if (!(v >= -9.223372036854775808E18 && v < 9.223372036854775808E18)) {
            throw outOfRange(Double.toString(v), "BIGINT");
        }
        return (long) v;
    }

    public static long toLong(BigDecimal v) {
        BigDecimal t = v.setScale(0, RoundingMode.DOWN);
        if (t.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 || t.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw outOfRange(v.toPlainString(), "BIGINT");
        }
        return t.longValue();
    }

    public static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return wholePart(s, "BIGINT");
        }
    }

    // ---- to DOUBLE ----

    public static double parseDouble(String s) {
        String t = s.strip();
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'd' || last == 'D' || last == 'f' || last == 'F' || t.startsWith("0x") || t.startsWith("0X")) {
            throw cannotParse(s, "DOUBLE");
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw cannotParse(s, "DOUBLE");
        }
    }

    // ---- to DECIMAL ----

    public static BigDecimal toDecimal(long v, int precision, int scale) {
        return Decimals.fit(BigDecimal.valueOf(v), precision, scale);
    }

    public static BigDecimal toDecimal(double v, int precision, int scale) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw outOfRange(Double.toString(v), "DECIMAL(" + precision + ", " + scale + ")");
        }
        return Decimals.fit(BigDecimal.valueOf(v), precision, scale);
    }

    public static BigDecimal parseDecimal(String s, int precision, int scale) {
        BigDecimal v;
        try {
            v = new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            throw cannotParse(s, "DECIMAL(" + precision + ", " + scale + ")");
        }
        return Decimals.fit(v, precision, scale);
    }

    // ---- to BOOLEAN ----

    public static boolean parseBoolean(String s) {
        // Flink's words: true, t, yes, y, 1 and false, f, no, n, 0 in any case
        String t = s.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "true", "t", "yes", "y", "1" -> {
                return true;
            }
            case "false", "f", "no", "n", "0" -> {
                return false;
            }
            default -> { }
        }
        throw cannotParse(s, "BOOLEAN");
    }

    // ---- to VARCHAR ----

    public static String toText(boolean v) {
        return v ? "TRUE" : "FALSE";
    }

    public static String toText(double v) {
        return Double.toString(v);
    }

    public static String toText(BigDecimal v) {
        return v.toPlainString();
    }

    /** The first {@code length} code points of {@code s} (VARCHAR(n)); unbounded when length is negative. */
    public static String truncate(String s, int length) {
        if (length < 0 || s.length() <= length) {
            return s;
        }
        if (s.codePointCount(0, s.length()) <= length) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, length));
    }

    // ---- between TIMESTAMP and DATE ----

    public static long dateToTimestamp(int days) {
        return days * TimeFunctions.MILLIS_PER_DAY;
    }

    public static int timestampToDate(long millis) {
        return toInt(Math.floorDiv(millis, TimeFunctions.MILLIS_PER_DAY));
    }
}
