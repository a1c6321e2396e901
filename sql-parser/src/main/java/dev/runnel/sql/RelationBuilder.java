package dev.runnel.sql;

import dev.runnel.sql.grammar.RunnelStatementParser.ColumnConstraintContext;
import dev.runnel.sql.grammar.RunnelStatementParser.ColumnDefinitionContext;
import dev.runnel.sql.grammar.RunnelStatementParser.CreateRelationContext;
import dev.runnel.sql.grammar.RunnelStatementParser.IdentifierContext;
import dev.runnel.sql.grammar.RunnelStatementParser.NullConstraintContext;
import dev.runnel.sql.grammar.RunnelStatementParser.PrimaryKeyColumnConstraintContext;
import dev.runnel.sql.grammar.RunnelStatementParser.PrimaryKeyConstraintContext;
import dev.runnel.sql.grammar.RunnelStatementParser.TableElementContext;
import dev.runnel.sql.grammar.RunnelStatementParser.WatermarkDefinitionContext;
import dev.runnel.sql.statement.ColumnDef;
import dev.runnel.sql.statement.CreateStream;
import dev.runnel.sql.statement.CreateTable;
import dev.runnel.sql.statement.QueryBody;
import dev.runnel.sql.statement.Statement;
import dev.runnel.sql.statement.WatermarkDef;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;

/**
 * Builds CREATE STREAM and CREATE TABLE from their column list, checking what the grammar cannot:
 * column names are unique (ignoring case, as name resolution does), a TABLE has exactly one
 * primary key and a STREAM none, key and watermark columns exist, and the watermark column is a
 * TIMESTAMP. Key columns become NOT NULL; key and watermark columns are named as declared. One
 * instance per statement; not thread-safe.
 */
final class RelationBuilder {
    private final SourceText source;
    private final List<ColumnDef> columns = new ArrayList<>();
    private final List<String> primaryKey = new ArrayList<>();
    private ParserRuleContext primaryKeyAt;
    private WatermarkDefinitionContext watermarkAt;

    RelationBuilder(SourceText source) {
        this.source = source;
    }

    Statement build(CreateRelationContext ctx) {
        boolean table = ctx.TABLE() != null;
        for (TableElementContext element : ctx.tableElement()) {
            if (element.columnDefinition() != null) {
                addColumn(element.columnDefinition());
            } else if (element.primaryKeyConstraint() != null) {
                setPrimaryKey(element.primaryKeyConstraint());
            } else {
                setWatermark(element.watermarkDefinition());
            }
        }
        String name = Literals.identifier(ctx.identifier(), source);
        if (columns.isEmpty()) {
            throw new RunnelSqlException("42000", "a " + (table ? "TABLE" : "STREAM") + " needs at least one column",
                    source.pos(ctx.identifier()));
        }
        if (table && primaryKeyAt == null) {
            throw new RunnelSqlException("42000", "a TABLE needs a PRIMARY KEY, on a column (id BIGINT PRIMARY KEY) "
                    + "or as PRIMARY KEY (a, b); a STREAM is append-only and needs none", source.pos(ctx.identifier()));
        }
        if (!table && primaryKeyAt != null) {
            throw new RunnelSqlException("42000", "a STREAM is append-only and has no PRIMARY KEY; "
                    + "use CREATE TABLE for a changelog keyed by its primary key", source.pos(primaryKeyAt));
        }
        resolvePrimaryKey();
        Optional<WatermarkDef> watermark = Optional.ofNullable(watermarkAt).map(this::watermark);
        Map<String, String> options = Literals.options(ctx.withOptions(), source);
        boolean ifNotExists = ctx.ifNotExists() != null;
        StatementText st = source.statement();
        return table
                ? new CreateTable(name, columns, primaryKey, watermark, options, ifNotExists, st.pos(), st.text())
                : new CreateStream(name, columns, watermark, options, ifNotExists, st.pos(), st.text());
    }

    private void addColumn(ColumnDefinitionContext ctx) {
        String name = Literals.identifier(ctx.identifier(), source);
        if (find(name).isPresent()) {
            throw new RunnelSqlException("42000", "column '" + name + "' is declared twice", source.pos(ctx));
        }
        DataType type = DataTypes.of(ctx.dataType(), source);
        Boolean nullable = null;
        for (ColumnConstraintContext constraint : ctx.columnConstraint()) {
            if (constraint instanceof PrimaryKeyColumnConstraintContext) {
                if (primaryKeyAt != null) {
                    throw duplicatePrimaryKey(constraint);
                }
                primaryKeyAt = constraint;
                primaryKey.add(name);
            } else {
                boolean wantNullable = constraint instanceof NullConstraintContext;
                if (nullable != null && nullable != wantNullable) {
                    throw new RunnelSqlException("42000", "column '" + name + "' cannot be both NULL and NOT NULL",
                            source.pos(constraint));
                }
                nullable = wantNullable;
            }
        }
        columns.add(new ColumnDef(name, type.withNullable(nullable == null || nullable), source.pos(ctx)));
    }

    private void setPrimaryKey(PrimaryKeyConstraintContext ctx) {
        if (primaryKeyAt != null) {
            throw duplicatePrimaryKey(ctx);
        }
        primaryKeyAt = ctx;
        for (IdentifierContext id : ctx.identifier()) {
            primaryKey.add(Literals.identifier(id, source));
        }
    }

    private RunnelSqlException duplicatePrimaryKey(ParserRuleContext at) {
        return new RunnelSqlException("42000", "PRIMARY KEY is declared more than once; "
                + "declare a key of several columns as PRIMARY KEY (a, b)", source.pos(at));
    }

    private void setWatermark(WatermarkDefinitionContext ctx) {
        if (watermarkAt != null) {
            throw new RunnelSqlException("42000", "WATERMARK is declared more than once", source.pos(ctx));
        }
        watermarkAt = ctx;
    }

    /** Key columns named as declared, NOT NULL. Runs after all columns are known: the key may come first. */
    private void resolvePrimaryKey() {
        if (!(primaryKeyAt instanceof PrimaryKeyConstraintContext ctx)) {
            for (int i = 0; i < columns.size(); i++) {
                if (primaryKey.contains(columns.get(i).name())) {
                    columns.set(i, notNull(columns.get(i)));
                }
            }
            return;
        }
        List<String> resolved = new ArrayList<>();
        for (int k = 0; k < primaryKey.size(); k++) {
            IdentifierContext id = ctx.identifier(k);
            int i = indexOf(primaryKey.get(k), id, "PRIMARY KEY");
            String name = columns.get(i).name();
            if (resolved.contains(name)) {
                throw new RunnelSqlException("42000", "column '" + name + "' appears twice in PRIMARY KEY", source.pos(id));
            }
            resolved.add(name);
            columns.set(i, notNull(columns.get(i)));
        }
        primaryKey.clear();
        primaryKey.addAll(resolved);
    }

    private WatermarkDef watermark(WatermarkDefinitionContext ctx) {
        int i = indexOf(Literals.identifier(ctx.identifier(), source), ctx.identifier(), "WATERMARK");
        ColumnDef column = columns.get(i);
        if (column.type().kind() != TypeKind.TIMESTAMP) {
            throw new RunnelSqlException("42804", "WATERMARK column '" + column.name() + "' must be TIMESTAMP(3), not "
                    + column.type().withNullable(true).toSql(), source.pos(ctx.identifier()));
        }
        QueryBody expression = CalciteParsing.parseExpression(source.text(ctx.expressionText()),
                source.pos(ctx.expressionText()));
        return new WatermarkDef(column.name(), expression, source.pos(ctx));
    }

    private int indexOf(String name, IdentifierContext at, String clause) {
        Optional<Integer> i = find(name);
        if (i.isPresent()) {
            return i.get();
        }
        List<String> names = columns.stream().map(ColumnDef::name).toList();
        String hint = Suggestions.closest(name, names).map(s -> " (did you mean '" + s + "'?)").orElse("");
        throw new RunnelSqlException("42S22", "unknown column '" + name + "' in " + clause + hint, source.pos(at));
    }

    private Optional<Integer> find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static ColumnDef notNull(ColumnDef c) {
        return new ColumnDef(c.name(), c.type().notNull(), c.pos());
    }
}
