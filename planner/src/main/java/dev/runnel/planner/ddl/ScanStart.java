package dev.runnel.planner.ddl;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where an unbounded scan (push query, job) starts reading, from {@code SET 'scan.start' = ...}:
 * {@code earliest} (the default: the log start), {@code latest} (the end when the scan opens),
 * {@code timestamp:2024-01-01 00:00:00[.SSS]} (UTC; the first record whose event time is at or
 * after it, per partition) or {@code offsets:0=5,1=7} (explicit offsets; partitions not named start
 * at the earliest). Immutable.
 *
 * @param timestamp epoch millis for {@link Kind#TIMESTAMP}
 * @param offsets   partition → offset for {@link Kind#OFFSETS}
 */
public record ScanStart(Kind kind, long timestamp, Map<Integer, Long> offsets) {
    public static final String SETTING = "scan.start";
    public static final ScanStart EARLIEST = new ScanStart(Kind.EARLIEST, 0, Map.of());
    public static final ScanStart LATEST = new ScanStart(Kind.LATEST, 0, Map.of());
    public static final String EXPECTED = "'earliest', 'latest', 'timestamp:yyyy-MM-dd HH:mm:ss' or 'offsets:0=5,1=7'";

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MILLI_OF_SECOND, 1, 3, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    public enum Kind { EARLIEST, LATEST, TIMESTAMP, OFFSETS }

    public ScanStart {
        offsets = Collections.unmodifiableMap(new TreeMap<>(offsets));
    }

    /** The start a session's settings ask for ({@link #EARLIEST} when unset or unreadable). */
    public static ScanStart fromSettings(Map<String, String> settings) {
        String v = settings.get(SETTING);
        return v == null ? EARLIEST : parse(v).orElse(EARLIEST);
    }

    /** Reads a {@code scan.start} value; empty if it is not one of the accepted forms. */
    public static Optional<ScanStart> parse(String text) {
        String v = text.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("earliest")) {
            return Optional.of(EARLIEST);
        }
        if (lower.equals("latest")) {
            return Optional.of(LATEST);
        }
        if (lower.startsWith("timestamp:")) {
            try {
                long ms = LocalDateTime.parse(v.substring("timestamp:".length()).trim(), TIME)
                        .toInstant(ZoneOffset.UTC).toEpochMilli();
                return Optional.of(new ScanStart(Kind.TIMESTAMP, ms, Map.of()));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (lower.startsWith("offsets:")) {
            Map<Integer, Long> m = new TreeMap<>();
            for (String part : v.substring("offsets:".length()).split(",")) {
                String[] kv = part.split("=");
                if (kv.length != 2) {
                    return Optional.empty();
                }
                try {
                    int p = Integer.parseInt(kv[0].trim());
                    long o = Long.parseLong(kv[1].trim());
                    if (p < 0 || o < 0 || m.put(p, o) != null) {
                        return Optional.empty();
                    }
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            return Optional.of(new ScanStart(Kind.OFFSETS, 0, m));
        }
        return Optional.empty();
    }

    /** The canonical text, readable by {@link #parse}. */
    @Override
    public String toString() {
        return switch (kind) {
            case EARLIEST -> "earliest";
            case LATEST -> "latest";
            case TIMESTAMP -> "timestamp:" + TIME.format(LocalDateTime.ofEpochSecond(Math.floorDiv(timestamp, 1000),
                    (int) Math.floorMod(timestamp, 1000) * 1_000_000, ZoneOffset.UTC));
            case OFFSETS -> "offsets:" + String.join(",", offsets.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
        };
    }
}
