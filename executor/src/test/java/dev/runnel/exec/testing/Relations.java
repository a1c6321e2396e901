package dev.runnel.exec.testing;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test helper: relation definitions and scans as the planner would make them. */
public final class Relations {
    private Relations() {}

    public static Column col(String name, TypeKind kind) {
        return new Column(name, DataType.of(kind));
    }

    /** The Nexmark bids stream: auction, bidder, price, channel, url, date_time, extra. */
    public static List<Column> bidColumns() {
        return List.of(col("auction", TypeKind.BIGINT), col("bidder", TypeKind.BIGINT), col("price", TypeKind.BIGINT),
                col("channel", TypeKind.VARCHAR), col("url", TypeKind.VARCHAR), col("date_time", TypeKind.TIMESTAMP),
                col("extra", TypeKind.VARCHAR));
    }

    /** One column of every storable type, all nullable. */
    public static List<Column> allTypes() {
        return List.of(col("b", TypeKind.BOOLEAN), col("i", TypeKind.INT), col("l", TypeKind.BIGINT),
                col("d", TypeKind.DOUBLE), new Column("m", DataType.decimal(10, 2)),
                new Column("big", DataType.decimal(38, 6)), col("s", TypeKind.VARCHAR), col("ts", TypeKind.TIMESTAMP),
                col("dt", TypeKind.DATE), col("ids", TypeKind.INTERVAL_DAY_TIME),
                col("iym", TypeKind.INTERVAL_YEAR_MONTH));
    }

    public static RelationDef stream(String name, List<Column> columns, Format format, int partitions,
            List<Integer> key, Integer watermarkColumn) {
        return new RelationDef(name, RelationKind.STREAM, columns, List.of(),
                watermarkColumn == null ? Optional.empty() : Optional.of(new WatermarkSpec(watermarkColumn, 4000)),
                new StorageSpec(name, partitions, format, key, name + ".dlq"),
                Map.of("topic", name, "format", format.sqlName()), "CREATE STREAM " + name + " ...");
    }

    /**
     * A keyless stream with a {@code WATERMARK} on payload column {@code timeColumn} delayed by
     * {@code delayMillis}, and extra WITH options (e.g. {@code idle_timeout}).
     */
    public static RelationDef timed(String name, List<Column> columns, Format format, int partitions, int timeColumn,
            long delayMillis, Map<String, String> options) {
        Map<String, String> all = new java.util.HashMap<>(options);
        all.put("topic", name);
        all.put("format", format.sqlName());
        return new RelationDef(name, RelationKind.STREAM, columns, List.of(),
                Optional.of(new WatermarkSpec(timeColumn, delayMillis)),
                new StorageSpec(name, partitions, format, List.of(), name + ".dlq"), all, "CREATE STREAM " + name + " ...");
    }

    public static RelationDef table(String name, List<Column> columns, List<Integer> primaryKey, int partitions) {
        return new RelationDef(name, RelationKind.TABLE, columns, primaryKey, Optional.empty(),
                new StorageSpec(name, partitions, Format.JSON, primaryKey, name + ".dlq"),
                Map.of("topic", name, "format", "json"), "CREATE TABLE " + name + " ...");
    }

    public static RelationDef bids(Format format, int partitions) {
        return stream("bids", bidColumns(), format, partitions, List.of(0), 5);
    }

    /** A scan of the given indices of {@code relation.fullRow()}. */
    public static ScanNode scan(RelationDef relation, Integer... columns) {
        List<Column> full = relation.fullRow();
        List<Column> out = new ArrayList<>();
        for (int c : columns) {
            out.add(full.get(c));
        }
        return new ScanNode(relation, List.of(columns), new RowSchema(out));
    }

    /** A scan of every payload and metadata column. */
    public static ScanNode scanAll(RelationDef relation) {
        Integer[] all = new Integer[relation.fullRow().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return scan(relation, all);
    }
}
