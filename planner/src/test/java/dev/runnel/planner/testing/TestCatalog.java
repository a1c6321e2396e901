package dev.runnel.planner.testing;

import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory catalog for planner tests: the Nexmark-like streams {@code bids} (watermark
 * {@code date_time - 4 s}), {@code big_bids} (same columns, no watermark) and {@code auctions}
 * (watermark {@code date_time}); the tables {@code users} and {@code orders}; for late-row policies
 * the streams {@code clicks} ({@code late = 'update'}, allowed lateness 1 min), {@code payments}
 * ({@code late = 'route'} to {@code payments_late}) and {@code payments_late}; and
 * {@code bid_counts}, a target for windowed INSERTs. Immutable; {@link #with} returns a copy with
 * one more relation.
 */
public final class TestCatalog implements CatalogView {
    private final Map<String, RelationDef> relations;

    private TestCatalog(Map<String, RelationDef> relations) {
        this.relations = relations;
    }

    public static TestCatalog empty() {
        return new TestCatalog(new TreeMap<>());
    }

    public static TestCatalog standard() {
        List<Column> bidColumns = List.of(col("auction", TypeKind.BIGINT), col("bidder", TypeKind.BIGINT),
                col("price", TypeKind.BIGINT), col("channel", TypeKind.VARCHAR), col("url", TypeKind.VARCHAR),
                col("date_time", TypeKind.TIMESTAMP), col("extra", TypeKind.VARCHAR));
        return empty()
                .with(stream("bids", bidColumns, Optional.of(new WatermarkSpec(5, 4000)), 4, Format.COLUMNAR, List.of(0)))
                .with(stream("big_bids", bidColumns, Optional.empty(), 1, Format.JSON, List.of()))
                .with(stream("auctions", List.of(col("id", TypeKind.BIGINT), col("item_name", TypeKind.VARCHAR),
                        col("initial_bid", TypeKind.BIGINT), col("reserve", TypeKind.BIGINT),
                        col("date_time", TypeKind.TIMESTAMP), col("expires", TypeKind.TIMESTAMP),
                        col("seller", TypeKind.BIGINT), col("category", TypeKind.INT)),
                        Optional.of(new WatermarkSpec(4, 0)), 2, Format.JSON, List.of(0)))
                .with(table("users", List.of(new Column("id", DataType.of(TypeKind.BIGINT).notNull()),
                        col("name", TypeKind.VARCHAR), col("city", TypeKind.VARCHAR)), Format.JSON))
                .with(table("orders", List.of(new Column("id", DataType.of(TypeKind.BIGINT).notNull()),
                        new Column("amount", DataType.decimal(10, 2)), col("status", TypeKind.VARCHAR),
                        col("user_id", TypeKind.BIGINT)), Format.DEBEZIUM_JSON))
                .with(withOptions(stream("clicks", List.of(col("user_id", TypeKind.BIGINT), col("url", TypeKind.VARCHAR),
                        col("ts", TypeKind.TIMESTAMP)), Optional.of(new WatermarkSpec(2, 2000)), 1, Format.JSON, List.of()),
                        Map.of("late", "update", "allowed_lateness", "1 min")))
                .with(withOptions(stream("payments", payments(), Optional.of(new WatermarkSpec(2, 1000)), 1, Format.JSON,
                        List.of()), Map.of("late", "route", "late_target", "payments_late")))
                .with(stream("payments_late", payments(), Optional.empty(), 1, Format.JSON, List.of()))
                .with(stream("bid_counts", List.of(col("window_start", TypeKind.TIMESTAMP),
                        col("window_end", TypeKind.TIMESTAMP), col("auction", TypeKind.BIGINT),
                        col("bids", TypeKind.BIGINT)), Optional.empty(), 1, Format.JSON, List.of()));
    }

    private static List<Column> payments() {
        return List.of(col("id", TypeKind.BIGINT), new Column("amount", DataType.decimal(10, 2)),
                col("ts", TypeKind.TIMESTAMP));
    }

    /** The same relation with these WITH options. */
    public static RelationDef withOptions(RelationDef r, Map<String, String> options) {
        return new RelationDef(r.name(), r.kind(), r.columns(), r.primaryKey(), r.watermark(), r.storage(), options,
                r.sql());
    }

    public TestCatalog with(RelationDef r) {
        Map<String, RelationDef> copy = new TreeMap<>(relations);
        copy.put(r.name().toLowerCase(Locale.ROOT), r);
        return new TestCatalog(copy);
    }

    @Override
    public Optional<RelationDef> find(String name) {
        return Optional.ofNullable(relations.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Collection<RelationDef> all() {
        return new ArrayList<>(relations.values());
    }

    public RelationDef get(String name) {
        return find(name).orElseThrow();
    }

    public static Column col(String name, TypeKind kind) {
        return new Column(name, DataType.of(kind));
    }

    public static RelationDef stream(String name, List<Column> columns, Optional<WatermarkSpec> watermark,
            int partitions, Format format, List<Integer> key) {
        return new RelationDef(name, RelationKind.STREAM, columns, List.of(), watermark,
                new StorageSpec(name, partitions, format, key, name + ".dlq"), Map.of(), "CREATE STREAM " + name);
    }

    public static RelationDef table(String name, List<Column> columns, Format format) {
        return new RelationDef(name, RelationKind.TABLE, columns, List.of(0), Optional.empty(),
                new StorageSpec(name, 1, format, List.of(0), name + ".dlq"), Map.of(), "CREATE TABLE " + name);
    }
}
