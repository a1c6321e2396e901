package dev.runnel.exec.expr.fn;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Date and time functions over TIMESTAMP (epoch millis, no time zone, read as UTC) and DATE (days
 * since 1970-01-01): EXTRACT, FLOOR/CEIL to a unit, DATE_FORMAT, month arithmetic, and the text
 * forms used by CAST. Calendar fields come from allocation-free civil-date arithmetic on the hot
 * paths. Stateless.
 */
public final class TimeFunctions {
    public static final long MILLIS_PER_DAY = 86_400_000L;

    /** Time units, as the int codes generated code passes. */
    public static final int YEAR = 0, QUARTER = 1, MONTH = 2, WEEK = 3, DAY = 4, DOY = 5, DOW = 6, HOUR = 7,
            MINUTE = 8, SECOND = 9, MILLISECOND = 10, EPOCH = 11;

    private static final String[] UNITS = {"YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "DOY", "DOW", "HOUR", "MINUTE",
        "SECOND", "MILLISECOND", "EPOCH"};

    private static final DateTimeFormatter TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS",
            Locale.ROOT);

    private TimeFunctions() {}

    /** The code of a unit name (case-insensitive; DAYOFWEEK/DAYOFYEAR accepted), or an unsupported-feature error. */
    public static int unit(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.equals("DAYOFWEEK")) {
            return DOW;
        }
        if (n.equals("DAYOFYEAR")) {
            return DOY;
        }
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(n)) {
                return i;
            }
        }
        throw SqlErrors.unsupported("unsupported time unit " + name);
    }

    public static String unitName(int unit) {
        return UNITS[unit];
    }

    // ---- civil calendar (proleptic Gregorian), after Howard Hinnant's days_from_civil ----

    /** Days since the epoch of a calendar date. */
    public static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** Year of a day since the epoch. */
    public static long year(long days) {
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return yoe + era * 400 + (m <= 2 ? 1 : 0);
    }

    /** Month (1-12) of a day since the epoch. */
    public static int month(long days) {
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        return (int) (mp < 10 ? mp + 3 : mp - 9);
    }

    /** Day of month (1-31) of a day since the epoch. */
    public static int dayOfMonth(long days) {
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        return (int) (doy - (153 * mp + 2) / 5 + 1);
    }

    // ---- EXTRACT, FLOOR, CEIL ----

    /** EXTRACT(unit FROM t); DOW is 1 (Sunday) to 7, WEEK the ISO week, MILLISECOND includes the seconds. */
    public static long extract(int unit, long millis) {
        long days = Math.floorDiv(millis, MILLIS_PER_DAY);
        long ofDay = Math.floorMod(millis, MILLIS_PER_DAY);
        return switch (unit) {
            case YEAR -> year(days);
            case QUARTER -> (month(days) - 1) / 3 + 1;
            case MONTH -> month(days);
            case WEEK -> LocalDate.ofEpochDay(days).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case DAY -> dayOfMonth(days);
            case DOY -> LocalDate.ofEpochDay(days).getDayOfYear();
            case DOW -> Math.floorMod(days + 4, 7) + 1;
            case HOUR -> ofDay / 3_600_000L;
            case MINUTE -> ofDay / 60_000L % 60;
            case SECOND -> ofDay / 1000L % 60;
            case MILLISECOND -> ofDay % 60_000L;
            case EPOCH -> Math.floorDiv(millis, 1000L);
            default -> throw SqlErrors.unsupported("EXTRACT of " + unitName(unit));
        };
    }

    /** FLOOR(t TO unit) for MILLISECOND..YEAR; weeks start on Sunday. */
    public static long floor(int unit, long millis) {
        switch (unit) {
            case MILLISECOND:
                return millis;
            case SECOND:
                return millis - Math.floorMod(millis, 1000L);
            case MINUTE:
                return millis - Math.floorMod(millis, 60_000L);
            case HOUR:
                return millis - Math.floorMod(millis, 3_600_000L);
            case DAY:
                return millis - Math.floorMod(millis, MILLIS_PER_DAY);
            default:
                break;
        }
        long days = Math.floorDiv(millis, MILLIS_PER_DAY);
        long d = switch (unit) {
            case WEEK -> days - Math.floorMod(days + 4, 7);
            case MONTH -> daysFromCivil(year(days), month(days), 1);
            case QUARTER -> daysFromCivil(year(days), (month(days) - 1) / 3 * 3 + 1, 1);
            case YEAR -> daysFromCivil(year(days), 1, 1);
            default -> throw SqlErrors.unsupported("FLOOR to " + unitName(unit));
        };
        return d * MILLIS_PER_DAY;
    }

    /** CEIL(t TO unit): t itself when already on a unit boundary, else the next boundary. */
    public static long ceil(int unit, long millis) {
        long f = floor(unit, millis);
        if (f == millis) {
            return millis;
        }
        switch (unit) {
            case SECOND:
                return f + 1000L;
            case MINUTE:
                return f + 60_000L;
            case HOUR:
                return f + 3_600_000L;
            case DAY:
                return f + MILLIS_PER_DAY;
            case WEEK:
                return f + 7 * MILLIS_PER_DAY;
            default:
                break;
        }
        long days = Math.floorDiv(f, MILLIS_PER_DAY);
        int months = unit == MONTH ? 1 : unit == QUARTER ? 3 : 12;
        long total = year(days) * 12 + (month(days) - 1) + months;
        return daysFromCivil(Math.floorDiv(total, 12), (int) Math.floorMod(total, 12) + 1, 1) * MILLIS_PER_DAY;
    }

    /** FLOOR for DATE values (days), by way of midnight. */
    public static int floorDate(int unit, int days) {
        return (int) Math.floorDiv(floor(unit, days * MILLIS_PER_DAY), MILLIS_PER_DAY);
    }

    public static int ceilDate(int unit, int days) {
        return (int) Math.floorDiv(ceil(unit, days * MILLIS_PER_DAY), MILLIS_PER_DAY);
    }

    // ---- month arithmetic ----

    /** {@code t + months}, clamping the day to the end of a shorter month. */
    public static long addMonths(long millis, int months) {
        long days = Math.floorDiv(millis, MILLIS_PER_DAY);
        long ofDay = Math.floorMod(millis, MILLIS_PER_DAY);
        return addMonthsToDate(days, months) * MILLIS_PER_DAY + ofDay;
    }

    public static long addMonthsToDate(long days, int months) {
        try {
            return LocalDate.ofEpochDay(days).plusMonths(months).toEpochDay();
        } catch (DateTimeException e) {
            throw SqlErrors.data("date out of range");
        }
    }

    // ---- text ----

    /** {@code yyyy-MM-dd HH:mm:ss.SSS}, as CAST(TIMESTAMP AS VARCHAR) writes it. */
    public static String formatTimestamp(long millis) {
        long days = Math.floorDiv(millis, MILLIS_PER_DAY);
        long y = year(days);
        if (y < 0 || y > 9999) {
            return TIMESTAMP_TEXT.format(LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                    (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC));
        }
        long ofDay = Math.floorMod(millis, MILLIS_PER_DAY);
        char[] c = new char[23];
        put(c, 0, y, 4);
        c[4] = '-';
        put(c, 5, month(days), 2);
        c[7] = '-';
        put(c, 8, dayOfMonth(days), 2);
        c[10] = ' ';
        put(c, 11, ofDay / 3_600_000L, 2);
        c[13] = ':';
        put(c, 14, ofDay / 60_000L % 60, 2);
        c[16] = ':';
        put(c, 17, ofDay / 1000L % 60, 2);
        c[19] = '.';
        put(c, 20, ofDay % 1000L, 3);
        return new String(c);
    }

    private static void put(char[] c, int at, long v, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }

    /** {@code yyyy-MM-dd}. */
    public static String formatDate(int days) {
        return LocalDate.ofEpochDay(days).toString();
    }

    /**
     * Parses {@code yyyy-MM-dd[( |T)HH:mm:ss[.fraction]]} (the fraction truncated to millis), else
     * Flink's {@code yyyy-M-d[ H:m:s[.fraction]]}, or a data error quoting the text.
     */
    public static long parseTimestamp(String text) {
        String s = text.strip();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).toEpochDay() * MILLIS_PER_DAY;
            }
            if (s.length() < 19 || (s.charAt(10) != ' ' && s.charAt(10) != 'T') || s.charAt(13) != ':'
                    || s.charAt(16) != ':') {
                throw new DateTimeException("bad shape");
            }
            long days = LocalDate.parse(s.substring(0, 10)).toEpochDay();
            int h = digits(s, 11, 13);
            int mi = digits(s, 14, 16);
            int sec = digits(s, 17, 19);
            if (h > 23 || mi > 59 || sec > 59) {
                throw new DateTimeException("field out of range");
            }
            int millis = 0;
            if (s.length() > 19) {
                if (s.charAt(19) != '.' || s.length() == 20 || s.length() > 29) {
                    throw new DateTimeException("bad fraction");
                }
                String frac = (s.substring(20) + "00").substring(0, 3);
                digits(s, 20, s.length());
                millis = Integer.parseInt(frac);
            }
            return days * MILLIS_PER_DAY + h * 3_600_000L + mi * 60_000L + sec * 1000L + millis;
        } catch (DateTimeException | NumberFormatException e) {
            // Flink's wider forms: one-digit fields, a day past the month's end (its last day)
            long t = FlinkTimes.toTimestamp(s);
            if (t == FlinkTimes.NULL_TIMESTAMP) {
                throw SqlErrors.data("cannot cast " + SqlErrors.quote(text) + " to TIMESTAMP");
            }
            return t;
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                throw new DateTimeException("not a digit");
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    /** Parses {@code yyyy-MM-dd}, else Flink's {@code yyyy-M-d} or a timestamp's text, or a data error quoting the text. */
    public static int parseDate(String text) {
        try {
            return Math.toIntExact(LocalDate.parse(text.strip()).toEpochDay());
        } catch (DateTimeException | ArithmeticException e) {
            // Flink's wider forms: one-digit month and day, a timestamp's text
            int d = FlinkTimes.toDate(text.strip());
            if (d == FlinkTimes.NULL_DATE) {
                throw SqlErrors.data("cannot cast " + SqlErrors.quote(text) + " to DATE");
            }
            return d;
        }
    }

    /** A DATE_FORMAT pattern (java.time letters), or a data error naming it. */
    public static DateTimeFormatter formatter(String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw SqlErrors.data("invalid DATE_FORMAT pattern " + SqlErrors.quote(pattern) + ": " + e.getMessage());
        }
    }

    /** DATE_FORMAT(t, pattern), t read as UTC. */
    public static String format(DateTimeFormatter f, long millis) {
        // a LocalDateTime, not Instant.atZone(UTC): that builds the offset's ZoneRules on every call
        // (30% of DATE_FORMAT's time); only a pattern with a zone or offset letter needs the zone
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
        try {
            return f.format(t);
        } catch (DateTimeException e) { // a zone or offset in the pattern
            return formatZoned(f, millis);
        }
    }

    private static String formatZoned(DateTimeFormatter f, long millis) {
        try {
            return f.format(Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            throw SqlErrors.data("DATE_FORMAT failed: " + e.getMessage());
        }
    }

    /** INTERVAL DAY TO SECOND as text: {@code [-]D HH:mm:ss.SSS}. */
    public static String formatDayTimeInterval(long millis) {
        String sign = millis < 0 ? "-" : "+";
        long m = Math.abs(millis);
        return String.format(Locale.ROOT, "%s%d %02d:%02d:%02d.%03d", sign, m / MILLIS_PER_DAY,
                m / 3_600_000L % 24, m / 60_000L % 60, m / 1000L % 60, m % 1000L);
    }

    /** INTERVAL YEAR TO MONTH as text: {@code [-]Y-M}. */
    public static String formatYearMonthInterval(int months) {
        String sign = months < 0 ? "-" : "+";
        long m = Math.abs((long) months);
        return sign + (m / 12) + "-" + (m % 12);
    }
}
