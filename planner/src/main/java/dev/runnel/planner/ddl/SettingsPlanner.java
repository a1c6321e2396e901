package dev.runnel.planner.ddl;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.sql.statement.SetOption;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Plans {@code SET 'key' = 'value'} and {@code RESET 'key'} (a null value). Keys are lower-cased.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>value checked</th></tr>
 *   <tr><td>scan.start</td><td>where unbounded scans start: {@link ScanStart}</td></tr>
 *   <tr><td>consistency</td><td>{@code read-your-writes} (pull queries on views wait until the view reflects
 *       every write acknowledged before them) or {@code eventual} (answer at once)</td></tr>
 *   <tr><td>state.ttl</td><td>a duration</td></tr>
 *   <tr><td>standby.replicas</td><td>a whole number from 0 to 10</td></tr>
 *   <tr><td>checkpoint.interval</td><td>a duration</td></tr>
 *   <tr><td>timezone</td><td>a time zone id, e.g. UTC or Europe/Paris</td></tr>
 *   <tr><td>parallelism</td><td>a whole number from 1</td></tr>
 *   <tr><td>runnel.*</td><td>anything (free-form, for experiments and extensions)</td></tr>
 * </table>
 *
 * Stateless and thread-safe.
 */
public final class SettingsPlanner {
    static final List<String> KNOWN =
            List.of("scan.start", "consistency", "state.ttl", "checkpoint.interval", "timezone", "parallelism",
                    CreateViewPlanner.STANDBY_REPLICAS);
    private static final String PREFIX = "runnel.";

    private SettingsPlanner() {}

    public static PlannedStatement.Set plan(SetOption s) {
        String key = s.key().trim().toLowerCase(Locale.ROOT);
        if (!KNOWN.contains(key) && !(key.startsWith(PREFIX) && key.length() > PREFIX.length())) {
            throw OptionErrors.unknownKey("setting", s.key(), KNOWN, ", and any key starting with '" + PREFIX + "'",
                    s.pos());
        }
        String value = s.value();
        if (value != null) {
            check(key, value.trim(), s);
        }
        return new PlannedStatement.Set(key, value == null ? null : value.trim());
    }

    private static void check(String key, String value, SetOption s) {
        switch (key) {
            case ScanStart.SETTING -> {
                if (ScanStart.parse(value).isEmpty()) {
                    throw OptionErrors.badValue(key, value, ScanStart.EXPECTED, s.pos());
                }
            }
            case "consistency" -> {
                if (!value.equalsIgnoreCase("read-your-writes") && !value.equalsIgnoreCase("eventual")) {
                    throw OptionErrors.badValue(key, value, "'read-your-writes' or 'eventual'", s.pos());
                }
            }
            case "state.ttl", "checkpoint.interval" -> {
                if (Durations.parseMillis(value).isEmpty()) {
                    throw OptionErrors.badValue(key, value, Durations.EXAMPLES, s.pos());
                }
            }
            case CreateViewPlanner.STANDBY_REPLICAS -> CreateViewPlanner.standbyReplicas(value, s.pos());
            case "parallelism" -> {
                boolean ok;
                try {
                    ok = Integer.parseInt(value) >= 1;
                } catch (NumberFormatException e) {
                    ok = false;
                }
                if (!ok) {
                    throw OptionErrors.badValue(key, value, "a whole number from 1", s.pos());
                }
            }
            case "timezone" -> {
                try {
                    ZoneId.of(value);
                } catch (DateTimeException e) {
                    throw OptionErrors.badValue(key, value, "a time zone such as 'UTC' or 'Europe/Paris'", s.pos());
                }
            }
            default -> {
                // free-form
            }
        }
    }

    /**
     * The {@code state.ttl} of a session's settings in milliseconds, 0 when not set: how long state
     * that is not written (a regular join's rows) is kept (the value was checked when it was SET).
     */
    public static long stateTtlMillis(java.util.Map<String, String> settings) {
        String v = settings == null ? null : settings.get("state.ttl");
        return v == null ? 0 : Durations.parseMillis(v).orElse(0);
    }
}
