package dev.runnel.exec.expr.fn;

import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.TimeZone;

/**
 * Flink SQL's time conversion functions with Flink 2.3's results in UTC (Runnel's timestamps have no
 * zone, as Flink's with {@code table.local-time-zone = UTC}): TO_TIMESTAMP, TO_DATE, UNIX_TIMESTAMP,
 * FROM_UNIXTIME and TIMESTAMPDIFF. Functions that may give NULL return {@link #NULL_TIMESTAMP} /
 * {@link #NULL_DATE} instead, so the compiled code does not box. Stateless; the {@link Formats}
 * caches are single-threaded.
 */
public final class FlinkTimes {
    /** Stands for NULL from {@link #toTimestamp}. */
    public static final long NULL_TIMESTAMP = Long.MIN_VALUE;
    /** Stands for NULL from {@link #toDate}. */
    public static final int NULL_DATE = Integer.MIN_VALUE;
    public static final String DEFAULT_FORMAT = "yyyy-MM-dd HH:mm:ss";

    private FlinkTimes() {}

    /**
     * TO_TIMESTAMP(s): {@code yyyy-M-d[ H:m:s[.fraction]]} (fraction cut to milliseconds; a day past
     * the month's end but not past 31 is the month's last day, as Java's default resolver does).
     */
    public static long toTimestamp(String s) {
        int[] f = new int[7];
        int at = 0;
        int n = s.length();
        char[] seps = {'-', '-', ' ', ':', ':', '.'};
        int field = 0;
        while (true) {
            int start = at;
            int max = field == 0 ? 9 : field == 6 ? 9 : 2;
            int v = 0;
            while (at < n && at - start < max && Character.isDigit(s.charAt(at))) {
                v = v * 10 + (s.charAt(at++) - '0');
            }
            int digits = at - start;
            if (digits == 0 || (field == 0 && digits != 4)) {
                return NULL_TIMESTAMP;
            }
            if (field == 6) {
                while (at < n && Character.isDigit(s.charAt(at))) {
                    at++;
                }
                for (int d = digits; d < 3; d++) {
                    v *= 10;
                }
                for (int d = digits; d > 3; d--) {
                    v /= 10;
                }
            }
            f[field] = v;
            if (at == n) {
                break;
            }
            if (field == 6 || s.charAt(at) != seps[field]) {
                return NULL_TIMESTAMP;
            }
            at++;
            field++;
        }
        if (field == 1 || field == 3 || field == 4) {
            return NULL_TIMESTAMP; // yyyy, or a time without seconds (as Flink: NULL)
        }
        if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 59) {
            return NULL_TIMESTAMP;
        }
        int day = Math.min(f[2], LocalDate.of(f[0], f[1], 1).lengthOfMonth());
        return LocalDateTime.of(f[0], f[1], day, f[3], f[4], f[5], f[6] * 1_000_000).toInstant(ZoneOffset.UTC)
                .toEpochMilli();
    }

    /**
     * TO_TIMESTAMP(s, format): the text parsed with a DateTimeFormatter pattern (missing fields from
     * 1970-01-01 00:00:00), else as JDBC timestamp text ({@code yyyy-[m]m-[d]d hh:mm:ss[.f]}) or date text
     * when it has no space; a bad pattern gives NULL without a fallback, as in Flink.
     */
    public static long toTimestamp(String s, DateTimeFormatter format) {
        if (format == null) {
            return NULL_TIMESTAMP;
        }
        {
            try {
                TemporalAccessor t = format.parse(s);
                int year = get(t, ChronoField.YEAR, 1970);
                int month = get(t, ChronoField.MONTH_OF_YEAR, 1);
                int day = get(t, ChronoField.DAY_OF_MONTH, 1);
                int hour = get(t, ChronoField.HOUR_OF_DAY, 0);
                int minute = get(t, ChronoField.MINUTE_OF_HOUR, 0);
                int second = get(t, ChronoField.SECOND_OF_MINUTE, 0);
                int nano = get(t, ChronoField.NANO_OF_SECOND, 0);
                return LocalDateTime.of(year, month, day, hour, minute, second, nano / 1_000_000 * 1_000_000)
                        .toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (java.time.DateTimeException e) {
                // fall through to the JDBC forms, as Flink does
            }
        }
        try {
            String t = s.trim();
            LocalDateTime ldt = t.indexOf(' ') >= 0 ? java.sql.Timestamp.valueOf(t).toLocalDateTime()
                    : LocalDateTime.of(java.sql.Date.valueOf(t).toLocalDate(), LocalTime.MIDNIGHT);
            return ldt.toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (IllegalArgumentException e) {
            return NULL_TIMESTAMP;
        }
    }

    private static int get(TemporalAccessor t, ChronoField f, int otherwise) {
        return t.isSupported(f) ? t.get(f) : otherwise;
    }

    /** TO_DATE(s): {@code y[-m[-d]]} before the first space (so a timestamp's text works), strictly checked. */
    public static int toDate(String s) {
        int space = s.indexOf(' ');
        if (space > 0) {
            s = s.substring(0, space);
        }
        String[] parts = s.split("-", -1);
        if (parts.length > 3) {
            return NULL_DATE;
        }
        int[] ymd = {0, 1, 1};
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.isEmpty() || p.length() > 9 || !p.chars().allMatch(Character::isDigit)) {
                return NULL_DATE;
            }
            ymd[i] = Integer.parseInt(p);
        }
        if (ymd[1] < 1 || ymd[1] > 12 || ymd[2] < 1 || ymd[2] > LocalDate.of(2000, ymd[1], 1).lengthOfMonth()
                || ymd[1] == 2 && ymd[2] == 29 && !java.time.Year.isLeap(ymd[0])) {
            return NULL_DATE;
        }
        return ymdToUnixDate(ymd[0], ymd[1], ymd[2]);
    }

    /**
     * TO_DATE(s, format): the day of {@link #parseMillis}'s result, computed as Flink does (so text that
     * does not parse gives the same far-off date Flink gives, not NULL).
     */
    public static int toDate(String s, SimpleDateFormat format) {
        long ms = parseMillis(s, format);
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000L), 0, ZoneOffset.UTC);
        return ymdToUnixDate(t.getYear(), t.getMonthValue(), t.getDayOfMonth());
    }

    /** Calcite's julian-day arithmetic, in int as Flink computes it. */
    static int ymdToUnixDate(int year, int month, int day) {
        int a = (14 - month) / 12;
        int y = year + 4800 - a;
        int m = month + 12 * a - 3;
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045 - 2440588;
    }

    /** Milliseconds of {@code s} read with a lenient SimpleDateFormat in UTC (trailing text ignored); Long.MIN_VALUE if it does not parse. */
    public static long parseMillis(String s, SimpleDateFormat format) {
        Date d = format.parse(s, new ParsePosition(0));
        return d == null ? Long.MIN_VALUE : d.getTime();
    }

    /** UNIX_TIMESTAMP(s, format): whole seconds (toward zero), Long.MIN_VALUE when the text does not parse. */
    public static long unixTimestamp(String s, SimpleDateFormat format) {
        long ms = parseMillis(s, format);
        return ms == Long.MIN_VALUE ? ms : ms / 1000;
    }

    /** FROM_UNIXTIME(seconds, format). */
    public static String fromUnixtime(long seconds, SimpleDateFormat format) {
        return format.format(new Date(seconds * 1000));
    }

    /** A SimpleDateFormat in UTC; a bad pattern is an error naming it. */
    public static SimpleDateFormat simpleFormat(String pattern) {
        try {
            SimpleDateFormat f = new SimpleDateFormat(pattern, java.util.Locale.ROOT);
            f.setTimeZone(TimeZone.getTimeZone("UTC"));
            return f;
        } catch (IllegalArgumentException e) {
            throw SqlErrors.data("invalid date format " + SqlErrors.quote(pattern) + ": " + e.getMessage());
        }
    }

    /** A DateTimeFormatter, or null for a bad pattern (TO_TIMESTAMP then gives NULL, as Flink's). */
    public static DateTimeFormatter formatterOrNull(String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * TIMESTAMPDIFF(unit, t1, t2) in whole units from t1 to t2, as an INT (wrapping as Flink's does):
     * YEAR, QUARTER and MONTH by the calendar (Jan 31 to Feb 29 is a month), the others from the
     * difference in whole seconds.
     */
    public static int timestampDiff(int unit, long t1, long t2) {
        switch (unit) {
            case TimeFunctions.YEAR:
                return months(t1, t2) / 12;
            case TimeFunctions.QUARTER:
                return months(t1, t2) / 3;
            case TimeFunctions.MONTH:
                return months(t1, t2);
            default:
                break;
        }
        long seconds = (t2 - t1) / 1000;
        return (int) switch (unit) {
            case TimeFunctions.WEEK -> seconds / (7 * 86_400L);
            case TimeFunctions.DAY -> seconds / 86_400L;
            case TimeFunctions.HOUR -> seconds / 3_600L;
            case TimeFunctions.MINUTE -> seconds / 60L;
            case TimeFunctions.SECOND -> seconds;
            case TimeFunctions.MILLISECOND -> seconds * 1000L;
            default -> throw SqlErrors.unsupported("TIMESTAMPDIFF by " + TimeFunctions.unitName(unit));
        };
    }

    /** Whole calendar months from t1 to t2 (Calcite's subtractMonths). */
    static int months(long t1, long t2) {
        if (t2 < t1) {
            return -months(t2, t1);
        }
        long day1 = Math.floorDiv(t1, TimeFunctions.MILLIS_PER_DAY);
        long day2 = Math.floorDiv(t2, TimeFunctions.MILLIS_PER_DAY);
        long ms1 = Math.floorMod(t1, TimeFunctions.MILLIS_PER_DAY);
        long ms2 = Math.floorMod(t2, TimeFunctions.MILLIS_PER_DAY);
        int m = (int) ((day2 - day1) / 31);
        while (TimeFunctions.addMonthsToDate(day1, m + 1) <= day2) {
            m++;
        }
        if (TimeFunctions.addMonthsToDate(day1, m) == day2 && ms2 < ms1) {
            m--;
        }
        return m;
    }

    /** The formatters of one expression instance, by pattern (the last one used). Single-threaded. */
    public static final class Formats {
        private String simplePattern;
        private SimpleDateFormat simple;
        private String javaPattern;
        private DateTimeFormatter java;

        public SimpleDateFormat simple(String pattern) {
            if (simple == null || !pattern.equals(simplePattern)) {
                simple = simpleFormat(pattern);
                simplePattern = pattern;
            }
            return simple;
        }

        public DateTimeFormatter java(String pattern) {
            if (javaPattern == null || !pattern.equals(javaPattern)) {
                java = formatterOrNull(pattern);
                javaPattern = pattern;
            }
            return java;
        }
    }
}
