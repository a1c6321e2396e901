package dev.runnel.sql.type;

import java.util.Objects;

/**
 * A SQL type: kind, precision and scale (for DECIMAL; precision also for TIMESTAMP and VARCHAR),
 * and nullability. Immutable and thread-safe.
 */
public record DataType(TypeKind kind, int precision, int scale, boolean nullable) {
    /** Precision meaning "unbounded" (VARCHAR without length). */
    public static final int UNBOUNDED = -1;

    public DataType {
        Objects.requireNonNull(kind, "kind");
        if (kind == TypeKind.DECIMAL && (precision < 1 || precision > 38 || scale < 0 || scale > precision)) {
            throw new IllegalArgumentException("DECIMAL(" + precision + ", " + scale + ") is not a valid decimal type");
        }
    }

    public static DataType of(TypeKind kind) {
        return switch (kind) {
            case DECIMAL -> decimal(38, 10);
            case TIMESTAMP -> new DataType(kind, 3, 0, true);
            default -> new DataType(kind, UNBOUNDED, 0, true);
        };
    }

    public static DataType decimal(int precision, int scale) {
        return new DataType(TypeKind.DECIMAL, precision, scale, true);
    }

    public static DataType varchar() {
        return new DataType(TypeKind.VARCHAR, UNBOUNDED, 0, true);
    }

    public DataType notNull() {
        return new DataType(kind, precision, scale, false);
    }

    public DataType withNullable(boolean n) {
        return new DataType(kind, precision, scale, n);
    }

    /** The type as SQL spells it, e.g. {@code DECIMAL(10, 2)}, {@code TIMESTAMP(3)}, {@code VARCHAR}. */
    public String toSql() {
        String base = switch (kind) {
            case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
            case VARCHAR -> precision == UNBOUNDED ? "VARCHAR" : "VARCHAR(" + precision + ")";
            case TIMESTAMP -> "TIMESTAMP(" + (precision == UNBOUNDED ? 3 : precision) + ")";
            case INTERVAL_DAY_TIME -> "INTERVAL DAY TO SECOND";
            case INTERVAL_YEAR_MONTH -> "INTERVAL YEAR TO MONTH";
            default -> kind.name();
        };
        return nullable ? base : base + " NOT NULL";
    }

    @Override
    public String toString() {
        return toSql();
    }
}
