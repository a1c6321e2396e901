package dev.runnel.exec.catalog;

import dev.runnel.sql.RunnelSqlException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as WITH options write them: a whole number and a unit, e.g. {@code '7 days'},
 * {@code '12 h'}, {@code '30 min'}, {@code '10 s'}, {@code '500 ms'}; {@code 'forever'} or
 * {@code '-1'} mean no limit (-1). Stateless.
 */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*([a-zA-Z]*)\\s*");

    private Durations() {}

    /** Milliseconds of {@code text}, or -1 for no limit. */
    public static long parseMillis(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("forever") || t.equals("infinite") || t.equals("-1")) {
            return -1;
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw bad(option, text);
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw bad(option, text);
        }
        long unit = switch (m.group(2)) {
            case "ms", "millis", "millisecond", "milliseconds" -> 1L;
            case "", "s", "sec", "secs", "second", "seconds" -> 1000L;
            case "m", "min", "mins", "minute", "minutes" -> 60_000L;
            case "h", "hr", "hrs", "hour", "hours" -> 3_600_000L;
            case "d", "day", "days" -> 86_400_000L;
            case "w", "week", "weeks" -> 7 * 86_400_000L;
            default -> throw bad(option, text);
        };
        try {
            return Math.multiplyExact(n, unit);
        } catch (ArithmeticException e) {
            throw bad(option, text);
        }
    }

    private static RunnelSqlException bad(String option, String text) {
        return new RunnelSqlException("42000", option + " '" + text + "' is not a duration; write e.g. '7 days', '12 h', "
                + "'30 min', '10 s' or 'forever'", null);
    }
}
