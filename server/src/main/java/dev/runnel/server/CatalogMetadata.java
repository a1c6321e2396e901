package dev.runnel.server;

import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.MetadataColumns;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The catalog as JDBC's DatabaseMetaData calls present it: one catalog and one schema, both
 * {@code runnel}; streams, tables and materialized views as table types {@code STREAM},
 * {@code TABLE} and {@code MATERIALIZED VIEW} ({@code SYSTEM TABLE} is reserved for system
 * relations); every relation's payload columns followed by its metadata columns. Stateless.
 */
final class CatalogMetadata {
    static final String CATALOG = "runnel";
    static final String SCHEMA = "runnel";
    static final List<String> TABLE_TYPES = List.of("MATERIALIZED VIEW", "STREAM", "SYSTEM TABLE", "TABLE");

    private CatalogMetadata() {}

    static String tableType(RelationKind kind) {
        return switch (kind) {
            case STREAM -> "STREAM";
            case TABLE -> "TABLE";
            case MATERIALIZED_VIEW -> "MATERIALIZED VIEW";
        };
    }

    static ResultTable tables(CatalogView catalog, String catalogName, String schemaPattern, String tablePattern,
            List<String> types) {
        ResultTable t = new ResultTable()
                .column("TABLE_CAT", String.class).column("TABLE_SCHEM", String.class)
                .column("TABLE_NAME", String.class).column("TABLE_TYPE", String.class)
                .column("REMARKS", String.class).column("TYPE_CAT", String.class)
                .column("TYPE_SCHEM", String.class).column("TYPE_NAME", String.class)
                .column("SELF_REFERENCING_COL_NAME", String.class).column("REF_GENERATION", String.class);
        LikePattern name = LikePattern.of(tablePattern);
        for (RelationDef r : relations(catalog, catalogName, schemaPattern)) {
            String type = tableType(r.kind());
            if (!name.matches(r.name()) || (types != null && types.stream().noneMatch(type::equalsIgnoreCase))) {
                continue;
            }
            t.row(CATALOG, SCHEMA, r.name(), type, remarks(r), null, null, null, null, null);
        }
        return t.sort(Comparator.<Object[], String>comparing(row -> (String) row[3])
                .thenComparing(row -> ((String) row[2]).toLowerCase(Locale.ROOT)));
    }

    static ResultTable columns(CatalogView catalog, String catalogName, String schemaPattern, String tablePattern,
            String columnPattern) {
        ResultTable t = new ResultTable()
                .column("TABLE_CAT", String.class).column("TABLE_SCHEM", String.class)
                .column("TABLE_NAME", String.class).column("COLUMN_NAME", String.class)
                .column("DATA_TYPE", int.class).column("TYPE_NAME", String.class)
                .column("COLUMN_SIZE", Integer.class).column("BUFFER_LENGTH", Integer.class)
                .column("DECIMAL_DIGITS", Integer.class).column("NUM_PREC_RADIX", Integer.class)
                .column("NULLABLE", int.class).column("REMARKS", String.class)
                .column("COLUMN_DEF", String.class).column("SQL_DATA_TYPE", Integer.class)
                .column("SQL_DATETIME_SUB", Integer.class).column("CHAR_OCTET_LENGTH", Integer.class)
                .column("ORDINAL_POSITION", int.class).column("IS_NULLABLE", String.class)
                .column("SCOPE_CATALOG", String.class).column("SCOPE_SCHEMA", String.class)
                .column("SCOPE_TABLE", String.class).column("SOURCE_DATA_TYPE", Short.class)
                .column("IS_AUTOINCREMENT", String.class).column("IS_GENERATEDCOLUMN", String.class);
        LikePattern tables = LikePattern.of(tablePattern);
        LikePattern names = LikePattern.of(columnPattern);
        List<RelationDef> rels = new ArrayList<>(relations(catalog, catalogName, schemaPattern));
        rels.sort(Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT)));
        for (RelationDef r : rels) {
            if (!tables.matches(r.name())) {
                continue;
            }
            List<Column> row = r.fullRow();
            for (int i = 0; i < row.size(); i++) {
                Column c = row.get(i);
                if (!names.matches(c.name())) {
                    continue;
                }
                DataType type = c.type();
                boolean metadata = i >= r.columns().size();
                t.row(CATALOG, SCHEMA, r.name(), c.name(), TypeMapping.jdbcType(type.kind()),
                        type.toSql().replace(" NOT NULL", ""), TypeMapping.columnSize(type), null,
                        TypeMapping.decimalDigits(type), TypeMapping.radix(type.kind()),
                        type.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                        metadata ? metadataRemark(c.name()) : columnRemark(r, i), null, null, null,
                        type.kind() == TypeKind.VARCHAR ? TypeMapping.columnSize(type) : null, i + 1,
                        type.nullable() ? "YES" : "NO", null, null, null, null, "NO", metadata ? "YES" : "NO");
            }
        }
        return t;
    }

    static ResultTable primaryKeys(CatalogView catalog, String catalogName, String schema, String table) {
        ResultTable t = new ResultTable()
                .column("TABLE_CAT", String.class).column("TABLE_SCHEM", String.class)
                .column("TABLE_NAME", String.class).column("COLUMN_NAME", String.class)
                .column("KEY_SEQ", short.class).column("PK_NAME", String.class);
        for (RelationDef r : relations(catalog, catalogName, schema)) {
            if (table != null && !r.name().equalsIgnoreCase(table)) {
                continue;
            }
            List<Integer> key = r.primaryKey();
            for (int k = 0; k < key.size(); k++) {
                t.row(CATALOG, SCHEMA, r.name(), r.columns().get(key.get(k)).name(), (short) (k + 1),
                        r.name() + "_pkey");
            }
        }
        return t.sort(Comparator.comparing(row -> ((String) row[3]).toLowerCase(Locale.ROOT)));
    }

    static ResultTable schemas(String catalogName, String schemaPattern) {
        ResultTable t = new ResultTable().column("TABLE_SCHEM", String.class).column("TABLE_CATALOG", String.class);
        if (catalogMatches(catalogName) && LikePattern.of(schemaPattern).matches(SCHEMA)) {
            t.row(SCHEMA, CATALOG);
        }
        return t;
    }

    static ResultTable catalogs() {
        return new ResultTable().column("TABLE_CAT", String.class).row(CATALOG);
    }

    static ResultTable tableTypes() {
        ResultTable t = new ResultTable().column("TABLE_TYPE", String.class);
        TABLE_TYPES.forEach(t::row);
        return t;
    }

    static ResultTable typeInfo() {
        ResultTable t = new ResultTable()
                .column("TYPE_NAME", String.class).column("DATA_TYPE", int.class)
                .column("PRECISION", Integer.class).column("LITERAL_PREFIX", String.class)
                .column("LITERAL_SUFFIX", String.class).column("CREATE_PARAMS", String.class)
                .column("NULLABLE", short.class).column("CASE_SENSITIVE", boolean.class)
                .column("SEARCHABLE", short.class).column("UNSIGNED_ATTRIBUTE", boolean.class)
                .column("FIXED_PREC_SCALE", boolean.class).column("AUTO_INCREMENT", boolean.class)
                .column("LOCAL_TYPE_NAME", String.class).column("MINIMUM_SCALE", Short.class)
                .column("MAXIMUM_SCALE", Short.class).column("SQL_DATA_TYPE", Integer.class)
                .column("SQL_DATETIME_SUB", Integer.class).column("NUM_PREC_RADIX", Integer.class);
        for (TypeKind kind : TypeKind.values()) {
            if (kind == TypeKind.NULL) {
                continue;
            }
            DataType type = kind == TypeKind.DECIMAL ? DataType.decimal(38, 0) : DataType.of(kind);
            String name = switch (kind) {
                case INTERVAL_DAY_TIME -> "INTERVAL DAY TO SECOND";
                case INTERVAL_YEAR_MONTH -> "INTERVAL YEAR TO MONTH";
                default -> kind.name();
            };
            String prefix = switch (kind) {
                case VARCHAR -> "'";
                case TIMESTAMP -> "TIMESTAMP '";
                case DATE -> "DATE '";
                case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> "INTERVAL '";
                default -> null;
            };
            String suffix = prefix == null ? null : "'";
            String params = switch (kind) {
                case DECIMAL -> "precision,scale";
                case VARCHAR -> "length";
                case TIMESTAMP -> "precision";
                default -> null;
            };
            t.row(name, TypeMapping.jdbcType(kind), TypeMapping.columnSize(type), prefix, suffix, params,
                    (short) DatabaseMetaData.typeNullable, kind == TypeKind.VARCHAR,
                    (short) DatabaseMetaData.typeSearchable, false, false, false, name,
                    kind == TypeKind.DECIMAL ? (Short) (short) 0 : null,
                    kind == TypeKind.DECIMAL ? (Short) (short) 38 : kind == TypeKind.TIMESTAMP ? (Short) (short) 3 : null,
                    null, null, TypeMapping.radix(kind));
        }
        return t.sort(Comparator.comparingInt(row -> (Integer) row[1]));
    }

    private static boolean catalogMatches(String catalogName) {
        return catalogName == null || catalogName.equalsIgnoreCase(CATALOG);
    }

    private static List<RelationDef> relations(CatalogView catalog, String catalogName, String schemaPattern) {
        if (!catalogMatches(catalogName) || !LikePattern.of(schemaPattern).matches(SCHEMA)) {
            return List.of();
        }
        return List.copyOf(catalog.all());
    }

    private static String remarks(RelationDef r) {
        String storage = "topic '" + r.storage().topic() + "', " + r.storage().partitions()
                + (r.storage().partitions() == 1 ? " partition" : " partitions") + ", format "
                + r.storage().format().sqlName();
        return switch (r.kind()) {
            case STREAM -> "append-only stream; " + storage;
            case TABLE -> "changelog table keyed by " + keyNames(r) + "; " + storage;
            case MATERIALIZED_VIEW -> "materialized view" + (r.primaryKey().isEmpty() ? "" : " keyed by " + keyNames(r))
                    + "; " + storage;
        };
    }

    private static String keyNames(RelationDef r) {
        List<String> names = new ArrayList<>();
        for (int k : r.primaryKey()) {
            names.add(r.columns().get(k).name());
        }
        return "(" + String.join(", ", names) + ")";
    }

    private static String columnRemark(RelationDef r, int index) {
        List<String> notes = new ArrayList<>();
        if (r.primaryKey().contains(index)) {
            notes.add("primary key");
        }
        r.watermark().filter(w -> w.column() == index)
                .ifPresent(w -> notes.add("event time; watermark " + w.delayMillis() + " ms behind"));
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    private static String metadataRemark(String column) {
        return switch (column) {
            case MetadataColumns.PARTITION -> "metadata: the log partition holding the record";
            case MetadataColumns.OFFSET -> "metadata: the record's offset in its partition";
            case MetadataColumns.TIMESTAMP -> "metadata: producer time (when the record was sent)";
            case MetadataColumns.APPEND_TIME -> "metadata: log time (when the log received the record)";
            case MetadataColumns.WATERMARK -> "metadata: the partition's watermark before the record "
                    + "(largest event time so far minus the delay); NULL without a watermark";
            default -> "metadata";
        };
    }
}
