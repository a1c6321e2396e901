package dev.runnel.planner.ddl;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations written in options and settings: a whole number and a unit, e.g.
 * {@code '7 days'}, {@code '1 h'}, {@code '30min'}, {@code '500 ms'}. Units: ms (milli, millis,
 * millisecond[s]), s (sec[s], second[s]), m (min[s], minute[s]), h (hr[s], hour[s]), d (day[s]),
 * w (week[s]). Stateless and thread-safe.
 */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,18})\\s*([a-zA-Z]+)\\s*");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("ms", 1L), Map.entry("milli", 1L), Map.entry("millis", 1L), Map.entry("millisecond", 1L),
            Map.entry("milliseconds", 1L),
            Map.entry("s", 1_000L), Map.entry("sec", 1_000L), Map.entry("secs", 1_000L), Map.entry("second", 1_000L),
            Map.entry("seconds", 1_000L),
            Map.entry("m", 60_000L), Map.entry("min", 60_000L), Map.entry("mins", 60_000L),
            Map.entry("minute", 60_000L), Map.entry("minutes", 60_000L),
            Map.entry("h", 3_600_000L), Map.entry("hr", 3_600_000L), Map.entry("hrs", 3_600_000L),
            Map.entry("hour", 3_600_000L), Map.entry("hours", 3_600_000L),
            Map.entry("d", 86_400_000L), Map.entry("day", 86_400_000L), Map.entry("days", 86_400_000L),
            Map.entry("w", 604_800_000L), Map.entry("week", 604_800_000L), Map.entry("weeks", 604_800_000L));

    /** What a valid duration looks like, for error messages. */
    public static final String EXAMPLES = "a duration such as '7 days', '12 h', '30 min', '5 s' or '500 ms'";

    private Durations() {}

    /**
     * A day-time duration as a SQL interval literal, in the largest unit that divides it:
     * {@code INTERVAL '10' SECOND}, {@code INTERVAL '5' MINUTE}, {@code INTERVAL '0.250' SECOND}.
     */
    public static String sqlInterval(long millis) {
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"DAY", "HOUR", "MINUTE", "SECOND"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis != 0 && millis % sizes[i] == 0) {
                return "INTERVAL '" + millis / sizes[i] + "' " + units[i];
            }
        }
        return "INTERVAL '" + java.math.BigDecimal.valueOf(millis, 3).toPlainString() + "' SECOND";
    }

    /** The duration in milliseconds, or empty if the text is not a duration. */
    public static OptionalLong parseMillis(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        Long unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Math.multiplyExact(Long.parseLong(m.group(1)), unit));
        } catch (ArithmeticException overflow) {
            return OptionalLong.empty();
        }
    }
}
