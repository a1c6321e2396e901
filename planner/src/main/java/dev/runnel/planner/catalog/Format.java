package dev.runnel.planner.catalog;

import java.util.Locale;

/**
 * How rows are encoded in a relation's topic. {@code COLUMNAR} (the default for streams) stores
 * one Arrow IPC block per log payload batch, so scans skip text parsing; the others store one
 * row per log record.
 */
public enum Format {
    COLUMNAR("columnar"),
    JSON("json"),
    CSV("csv"),
    DEBEZIUM_JSON("debezium-json");

    private final String sqlName;

    Format(String sqlName) {
        this.sqlName = sqlName;
    }

    public String sqlName() {
        return sqlName;
    }

    /** Parses a WITH (format = '...') value; null if unknown. */
    public static Format parse(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT);
        for (Format f : values()) {
            if (f.sqlName.equals(n)) {
                return f;
            }
        }
        return null;
    }
}
