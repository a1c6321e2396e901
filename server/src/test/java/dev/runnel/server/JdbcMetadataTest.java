package dev.runnel.server;

import static dev.runnel.server.ScriptedEngine.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DatabaseMetaData shows streams, tables and views with their columns, keys and metadata columns. */
class JdbcMetadataTest {

    private static ScriptedEngine catalog() {
        RelationDef bids = new RelationDef("bids", RelationKind.STREAM,
                List.of(col("auction", DataType.of(TypeKind.BIGINT)), col("price", DataType.decimal(10, 2)),
                        col("date_time", DataType.of(TypeKind.TIMESTAMP))),
                List.of(), Optional.of(new WatermarkSpec(2, 4000)),
                new StorageSpec("bids", 4, Format.JSON, List.of(0), "bids.dlq"), Map.of(), "CREATE STREAM bids ...");
        RelationDef users = new RelationDef("users", RelationKind.TABLE,
                List.of(col("id", DataType.of(TypeKind.BIGINT).notNull()), col("name", DataType.varchar())),
                List.of(0), Optional.empty(), new StorageSpec("users", 1, Format.JSON, List.of(0), "users.dlq"),
                Map.of(), "CREATE TABLE users ...");
        RelationDef counts = new RelationDef("auction_counts", RelationKind.MATERIALIZED_VIEW,
                List.of(col("auction", DataType.of(TypeKind.BIGINT).notNull()),
                        col("bids", DataType.of(TypeKind.BIGINT).notNull())),
                List.of(0), Optional.empty(),
                new StorageSpec("auction_counts", 4, Format.COLUMNAR, List.of(0), "auction_counts.dlq"), Map.of(),
                "CREATE MATERIALIZED VIEW auction_counts AS ...");
        return new ScriptedEngine().relation(bids).relation(users).relation(counts);
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(name));
            }
        }
        return out;
    }

    @Test
    void getTablesListsStreamsTablesAndViews() throws Exception {
        try (Connection c = Scripted.connect(catalog())) {
            DatabaseMetaData md = c.getMetaData();
            assertThat(column(md.getTables(null, null, "%", null), "TABLE_NAME"))
                    .containsExactly("auction_counts", "bids", "users"); // ordered by type, then name
            assertThat(column(md.getTables(null, null, null, null), "TABLE_TYPE"))
                    .containsExactly("MATERIALIZED VIEW", "STREAM", "TABLE");
            assertThat(column(md.getTables(null, "runnel", "%", new String[] {"STREAM"}), "TABLE_NAME"))
                    .containsExactly("bids");
            assertThat(column(md.getTables("runnel", null, "B%", null), "TABLE_NAME")).containsExactly("bids");
            assertThat(column(md.getTables("other", null, "%", null), "TABLE_NAME")).isEmpty();
            assertThat(column(md.getTables(null, null, "users", null), "REMARKS"))
                    .containsExactly("changelog table keyed by (id); topic 'users', 1 partition, format json");
            try (ResultSet rs = md.getTables(null, null, "bids", null)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("TABLE_CAT")).isEqualTo("runnel");
                assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("runnel");
            }
        }
    }

    @Test
    void getColumnsShowsPayloadThenMetadataColumns() throws Exception {
        try (Connection c = Scripted.connect(catalog())) {
            DatabaseMetaData md = c.getMetaData();
            assertThat(column(md.getColumns(null, null, "bids", null), "COLUMN_NAME"))
                    .containsExactly("auction", "price", "date_time", "_partition", "_offset", "_timestamp",
                            "_append_time", "_watermark");
            try (ResultSet rs = md.getColumns(null, null, "bids", "price")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.DECIMAL);
                assertThat(rs.getString("TYPE_NAME")).isEqualTo("DECIMAL(10, 2)");
                assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(10);
                assertThat(rs.getInt("DECIMAL_DIGITS")).isEqualTo(2);
                assertThat(rs.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNullable);
                assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(2);
                assertThat(rs.getString("IS_GENERATEDCOLUMN")).isEqualTo("NO");
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = md.getColumns(null, null, "bids", "date\\_time")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.TIMESTAMP);
                assertThat(rs.getString("REMARKS")).isEqualTo("event time; watermark 4000 ms behind");
            }
            try (ResultSet rs = md.getColumns(null, null, "bids", "\\_offset")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.BIGINT);
                assertThat(rs.getString("IS_NULLABLE")).isEqualTo("NO");
                assertThat(rs.getString("IS_GENERATEDCOLUMN")).isEqualTo("YES");
                assertThat(rs.getString("REMARKS")).isEqualTo("metadata: the record's offset in its partition");
            }
            assertThat(column(md.getColumns(null, null, "users", "id"), "REMARKS")).containsExactly("primary key");
            assertThat(column(md.getColumns(null, null, "%", "auction"), "TABLE_NAME"))
                    .containsExactly("auction_counts", "bids");
        }
    }

    @Test
    void keysSchemasCatalogsTypes() throws Exception {
        try (Connection c = Scripted.connect(catalog())) {
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getPrimaryKeys(null, null, "users")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
                assertThat(rs.getShort("KEY_SEQ")).isEqualTo((short) 1);
                assertThat(rs.getString("PK_NAME")).isEqualTo("users_pkey");
                assertThat(rs.next()).isFalse();
            }
            assertThat(column(md.getPrimaryKeys(null, null, "bids"), "COLUMN_NAME")).isEmpty();
            assertThat(column(md.getSchemas(), "TABLE_SCHEM")).containsExactly("runnel");
            assertThat(column(md.getCatalogs(), "TABLE_CAT")).containsExactly("runnel");
            assertThat(column(md.getTableTypes(), "TABLE_TYPE"))
                    .containsExactly("MATERIALIZED VIEW", "STREAM", "SYSTEM TABLE", "TABLE");
            assertThat(column(md.getTypeInfo(), "TYPE_NAME")).contains("BIGINT", "DECIMAL", "VARCHAR", "TIMESTAMP",
                    "DATE", "BOOLEAN");
            assertThat(md.getDatabaseProductName()).isEqualTo("Runnel");
            assertThat(md.getDatabaseProductVersion()).isNotBlank().doesNotContain("$");
            assertThat(md.getDriverName()).isEqualTo("Runnel JDBC Driver");
            assertThat(md.getURL()).isEqualTo("jdbc:runnel:mem:");
        }
    }
}
