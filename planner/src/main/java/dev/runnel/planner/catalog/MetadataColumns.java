package dev.runnel.planner.catalog;

import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;

/**
 * The metadata columns every stream and table exposes after its payload columns, in this order:
 * {@code _partition INT}, {@code _offset BIGINT}, {@code _timestamp TIMESTAMP(3)} (producer time),
 * {@code _append_time TIMESTAMP(3)} (log receive time). None of them is stored in the payload.
 */
public final class MetadataColumns {
    public static final String PARTITION = "_partition";
    public static final String OFFSET = "_offset";
    public static final String TIMESTAMP = "_timestamp";
    public static final String APPEND_TIME = "_append_time";

    public static final List<Column> ALL = List.of(
            new Column(PARTITION, DataType.of(TypeKind.INT).notNull()),
            new Column(OFFSET, DataType.of(TypeKind.BIGINT).notNull()),
            new Column(TIMESTAMP, DataType.of(TypeKind.TIMESTAMP).notNull()),
            new Column(APPEND_TIME, DataType.of(TypeKind.TIMESTAMP).notNull()));

    private MetadataColumns() {}

    public static boolean isMetadata(String name) {
        return ALL.stream().anyMatch(c -> c.name().equalsIgnoreCase(name));
    }
}
