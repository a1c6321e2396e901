package dev.runnel.planner.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A catalog entry: a stream, table or materialized view, with its payload columns, primary key
 * (column indices, tables and views only), watermark, storage, the WITH options as written, and the
 * statement text that created it. Immutable and thread-safe.
 *
 * <p>The row a query sees is {@link #columns()} followed by {@link MetadataColumns#ALL}.
 */
public record RelationDef(String name, RelationKind kind, List<Column> columns, List<Integer> primaryKey,
        Optional<WatermarkSpec> watermark, StorageSpec storage, Map<String, String> options, String sql) {

    public RelationDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(storage, "storage");
        options = Map.copyOf(options);
        Objects.requireNonNull(sql, "sql");
    }

    /**
     * Payload columns then metadata columns: what {@code SELECT *} over this relation can see. A
     * materialized view has no metadata columns: its rows are not records of a log.
     */
    public List<Column> fullRow() {
        if (kind == RelationKind.MATERIALIZED_VIEW) {
            return columns;
        }
        List<Column> all = new ArrayList<>(columns);
        all.addAll(MetadataColumns.ALL);
        return all;
    }

    /** Index of the payload column with this name (case-insensitive), or -1. */
    public int columnIndex(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(columnName)) {
                return i;
            }
        }
        return -1;
    }
}
