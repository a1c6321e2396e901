package dev.runnel.planner.catalog;

import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;

/**
 * The metadata columns every stream and table exposes after its payload columns, in this order:
 * {@code _partition INT}, {@code _offset BIGINT}, {@code _timestamp TIMESTAMP(3)} (producer time),
 * {@code _append_time TIMESTAMP(3)} (log receive time), {@code _watermark TIMESTAMP(3)} (the watermark
 * of the row's partition formed by the records before it: their largest event time minus the
 * stream's watermark delay; NULL for streams without a watermark or before the first event). None
 * of them is stored in the payload. {@code _watermark} is what lateness is decided against, so
 * batching never changes a result.
 */
public final class MetadataColumns {
    public static final String PARTITION = "_partition";
    public static final String OFFSET = "_offset";
    public static final String TIMESTAMP = "_timestamp";
    public static final String APPEND_TIME = "_append_time";
    public static final String WATERMARK = "_watermark";

    public static final List<Column> ALL = List.of(
            new Column(PARTITION, DataType.of(TypeKind.INT).notNull()),
            new Column(OFFSET, DataType.of(TypeKind.BIGINT).notNull()),
            new Column(TIMESTAMP, DataType.of(TypeKind.TIMESTAMP).notNull()),
            new Column(APPEND_TIME, DataType.of(TypeKind.TIMESTAMP).notNull()),
            new Column(WATERMARK, DataType.of(TypeKind.TIMESTAMP)));

    private MetadataColumns() {}

    public static boolean isMetadata(String name) {
        return ALL.stream().anyMatch(c -> c.name().equalsIgnoreCase(name));
    }
}
