package dev.runnel.planner.ddl;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.MetadataColumns;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.planner.error.DidYouMean;
import dev.runnel.planner.error.SqlState;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.ColumnDef;
import dev.runnel.sql.statement.CreateStream;
import dev.runnel.sql.statement.CreateTable;
import dev.runnel.sql.statement.WatermarkDef;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans CREATE STREAM and CREATE TABLE into the complete catalog entry: columns checked (no
 * duplicates, no metadata names, no NULL type), the primary key resolved (a TABLE needs one),
 * the watermark read ({@link WatermarkAnalyzer}), the WITH options validated and turned into
 * storage ({@link RelationOptions}). A name already in the catalog is 42S01 unless IF NOT EXISTS,
 * in which case the plan says so and the executor leaves the catalog alone. Stateless.
 */
public final class CreateRelationPlanner {
    private CreateRelationPlanner() {}

    public static PlannedStatement.CreateRelation plan(CreateStream s, CatalogView catalog) {
        return plan(RelationKind.STREAM, s.name(), s.columns(), List.of(), s.watermark(), s.options(),
                s.ifNotExists(), s.pos(), s.text(), catalog);
    }

    public static PlannedStatement.CreateRelation plan(CreateTable t, CatalogView catalog) {
        return plan(RelationKind.TABLE, t.name(), t.columns(), t.primaryKey(), t.watermark(), t.options(),
                t.ifNotExists(), t.pos(), t.text(), catalog);
    }

    private static PlannedStatement.CreateRelation plan(RelationKind kind, String name, List<ColumnDef> columns,
            List<String> primaryKey, Optional<WatermarkDef> watermark, Map<String, String> options,
            boolean ifNotExists, SourcePos pos, String text, CatalogView catalog) {
        checkColumns(kind, columns, pos);
        List<String> names = columns.stream().map(ColumnDef::name).toList();
        List<Integer> pk = primaryKey(kind, names, primaryKey, pos);
        Optional<WatermarkSpec> wm = watermark.map(w -> WatermarkAnalyzer.analyze(w, columns));
        StorageSpec storage = RelationOptions.storage(kind, name, names, pk, options, pos);
        Optional<RelationDef> existing = catalog.find(name);
        if (existing.isPresent() && !ifNotExists) {
            throw new RunnelSqlException(SqlState.ALREADY_EXISTS, describe(existing.get().kind()) + " '"
                    + existing.get().name() + "' already exists (use CREATE " + kind + " IF NOT EXISTS to skip it)", pos);
        }
        List<Column> cols = columns.stream().map(c -> new Column(c.name(), c.type())).toList();
        RelationDef def = new RelationDef(name, kind, cols, pk, wm, storage, options, text);
        return new PlannedStatement.CreateRelation(def, ifNotExists);
    }

    private static void checkColumns(RelationKind kind, List<ColumnDef> columns, SourcePos pos) {
        if (columns.isEmpty()) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "a " + kind + " needs at least one column", pos);
        }
        Set<String> seen = new HashSet<>();
        for (ColumnDef c : columns) {
            SourcePos at = c.pos() == null || c.pos().equals(SourcePos.UNKNOWN) ? pos : c.pos();
            if (MetadataColumns.isMetadata(c.name())) {
                throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "column name '" + c.name()
                        + "' is reserved: every stream and table has the metadata columns "
                        + String.join(", ", MetadataColumns.ALL.stream().map(Column::name).toList()), at);
            }
            if (!seen.add(c.name().toLowerCase(Locale.ROOT))) {
                throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "duplicate column '" + c.name() + "'", at);
            }
            if (c.type().kind() == TypeKind.NULL) {
                throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "column '" + c.name()
                        + "' needs a type other than NULL", at);
            }
        }
    }

    private static List<Integer> primaryKey(RelationKind kind, List<String> names, List<String> primaryKey,
            SourcePos pos) {
        if (kind == RelationKind.TABLE && primaryKey.isEmpty()) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE,
                    "a TABLE needs a PRIMARY KEY (a table keeps the newest row per key; use a STREAM for append-only data)",
                    pos);
        }
        List<Integer> pk = new ArrayList<>();
        for (String k : primaryKey) {
            int index = RelationOptions.indexOf(names, k);
            if (index < 0) {
                throw new RunnelSqlException(SqlState.UNKNOWN_COLUMN, "unknown column '" + k + "' in PRIMARY KEY"
                        + DidYouMean.suffix(k, names), pos);
            }
            if (pk.contains(index)) {
                throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "column '" + k
                        + "' appears twice in PRIMARY KEY", pos);
            }
            pk.add(index);
        }
        return pk;
    }

    static String describe(RelationKind kind) {
        return switch (kind) {
            case STREAM -> "a stream";
            case TABLE -> "a table";
            case MATERIALIZED_VIEW -> "a materialized view";
        };
    }
}
