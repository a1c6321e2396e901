package dev.runnel.planner.ddl;

import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.physical.LatePolicy;
import java.util.Locale;
import java.util.Map;

/**
 * The late-row policy a stream's WITH options declare, for the window operators over it:
 * {@code late = 'drop'} (the default), {@code late = 'update'} with {@code allowed_lateness}
 * (default 0), or {@code late = 'route'} with {@code late_target} (the stream late rows are
 * appended to). The options were validated when the stream was created ({@link RelationOptions}).
 * Stateless and thread-safe.
 */
public final class LateOptions {
    public static final String LATE = "late";
    public static final String ALLOWED_LATENESS = "allowed_lateness";
    public static final String LATE_TARGET = "late_target";

    private LateOptions() {}

    /** The policy of a relation's rows. */
    public static LatePolicy policy(RelationDef relation) {
        Map<String, String> options = relation.options();
        String late = get(options, LATE);
        String kind = late == null ? "drop" : late.trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "update" -> new LatePolicy(LatePolicy.Kind.UPDATE, allowedLateness(options), null);
            case "route" -> new LatePolicy(LatePolicy.Kind.ROUTE, 0, routeTarget(relation));
            default -> LatePolicy.DROP;
        };
    }

    /** The {@code late_target} option, trimmed, or null. */
    public static String routeTarget(RelationDef relation) {
        String target = get(relation.options(), LATE_TARGET);
        return target == null ? null : target.trim();
    }

    private static long allowedLateness(Map<String, String> options) {
        String v = get(options, ALLOWED_LATENESS);
        return v == null ? 0 : Durations.parseMillis(v).orElse(0);
    }

    static String get(Map<String, String> options, String key) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }
}
