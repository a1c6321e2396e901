package dev.runnel.bench.nexmark.run;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One text form for result rows of both engines, so their sorted results can be compared line by
 * line (the Flink oracle's format): fields joined by {@code ,}; {@code NULL}; strings as they are,
 * CSV-quoted only if they hold {@code ,} {@code "} CR or LF; timestamps (epoch millis, or Flink's
 * {@code LocalDateTime}/{@code Instant} in UTC) as {@code yyyy-MM-dd HH:mm:ss.SSS}; decimals plain
 * with their scale; doubles by {@code Double.toString}. Stateless; pure JDK.
 */
public final class RowText {
    private RowText() {}

    /** Appends one row; {@code timestamp[i]} says whether a {@code Long} in column i is epoch millis. */
    public static String format(Object[] values, boolean[] timestamp) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendValue(sb, values[i], timestamp != null && timestamp[i]);
        }
        return sb.toString();
    }

    static void appendValue(StringBuilder sb, Object v, boolean millis) {
        if (v == null) {
            sb.append("NULL");
        } else if (millis && v instanceof Long l) {
            appendTimestamp(sb, LocalDateTime.ofEpochSecond(Math.floorDiv(l, 1000L),
                    (int) Math.floorMod(l, 1000L) * 1_000_000, ZoneOffset.UTC));
        } else if (v instanceof LocalDateTime t) {
            appendTimestamp(sb, t);
        } else if (v instanceof Instant t) {
            appendTimestamp(sb, LocalDateTime.ofInstant(t, ZoneOffset.UTC));
        } else if (v instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else if (v instanceof CharSequence s) {
            appendString(sb, s.toString());
        } else {
            sb.append(v);
        }
    }

    private static void appendString(StringBuilder sb, String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"').append(s.replace("\"", "\"\"")).append('"');
    }

    private static void appendTimestamp(StringBuilder sb, LocalDateTime t) {
        sb.append(t.toLocalDate()).append(' ');
        two(sb, t.getHour());
        sb.append(':');
        two(sb, t.getMinute());
        sb.append(':');
        two(sb, t.getSecond());
        sb.append('.');
        int ms = t.getNano() / 1_000_000;
        if (ms < 100) {
            sb.append('0');
        }
        if (ms < 10) {
            sb.append('0');
        }
        sb.append(ms);
    }

    private static void two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }
}
