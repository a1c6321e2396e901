package dev.runnel.planner.calcite;

import dev.runnel.planner.catalog.RelationDef;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.validate.SelectScope;
import org.apache.calcite.sql.validate.SqlQualified;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorTable;

/**
 * Where a column of a validated query comes from, as far as time goes: Runnel's time attributes,
 * traced through the SQL the validator has seen (so errors can point at the query text).
 *
 * <p>A column is an <em>event-time attribute</em> when it is the {@code WATERMARK FOR} column of a
 * stream, read directly or passed through subqueries, WITH items and window table functions by
 * plain column references (as in Flink, any expression over it, a CAST included, is an ordinary
 * TIMESTAMP). {@code PROCTIME()} makes a <em>processing-time attribute</em>; the window columns of a
 * window table function are {@link Kind#WINDOW} columns. Anything else is {@link Kind#NONE}, with
 * the relation it was read from when there is one (for the error message). Stateless.
 */
public final class TimeAttributes {
    private static final int MAX_DEPTH = 64;
    private static final List<String> WINDOW_COLUMNS = List.of("window_start", "window_end", "window_time");

    private TimeAttributes() {}

    /** What a column is, time-wise. */
    public enum Kind { EVENT_TIME, PROCESSING_TIME, WINDOW, NONE }

    /**
     * The origin of a column: its kind, the relation it was read from (when it is a column of a
     * catalog relation, through plain references) and its name there.
     */
    public record Origin(Kind kind, Optional<RelationDef> relation, String column) {
        static Origin none(String column) {
            return new Origin(Kind.NONE, Optional.empty(), column);
        }
    }

    /** The origin of field {@code field} of a namespace (a FROM item, subquery, table function operand). */
    public static Origin of(SqlValidatorImpl v, SqlValidatorNamespace ns, String field) {
        return of(v, ns, field, 0);
    }

    /** The origin of a column reference in {@code scope} (e.g. the operand of {@code GROUP BY TUMBLE(ts, ...)}). */
    public static Origin of(SqlValidatorImpl v, SqlValidatorScope scope, SqlNode expr) {
        return ofExpression(v, scope, expr, 0);
    }

    private static Origin of(SqlValidatorImpl v, SqlValidatorNamespace ns, String field, int depth) {
        if (ns == null || depth > MAX_DEPTH) {
            return Origin.none(field);
        }
        SqlValidatorNamespace resolved = ns.resolve();
        SqlValidatorTable table = resolved.getTable();
        if (table != null) {
            RelationTable rt = table.unwrap(RelationTable.class);
            if (rt == null) {
                return Origin.none(field);
            }
            RelationDef r = rt.relation();
            int index = r.columnIndex(field);
            boolean eventTime = index >= 0 && r.watermark().isPresent() && r.watermark().get().column() == index;
            String name = index >= 0 ? r.columns().get(index).name() : field;
            return new Origin(eventTime ? Kind.EVENT_TIME : Kind.NONE, Optional.of(r), name);
        }
        SqlNode node = resolved.getNode();
        if (node instanceof SqlWithItem item) {
            return of(v, v.getNamespace(item.query), field, depth + 1);
        }
        if (node instanceof SqlOrderBy orderBy) {
            return of(v, v.getNamespace(orderBy.query), field, depth + 1);
        }
        if (node instanceof SqlSelect select) {
            return ofSelectField(v, select, field, depth);
        }
        if (node instanceof SqlCall setop && setop.getKind() == SqlKind.UNION) {
            return ofUnionField(v, resolved, setop, field, depth);
        }
        if (node instanceof SqlCall call && call.getKind() == SqlKind.COLLECTION_TABLE) {
            node = call.operand(0);
        }
        if (node instanceof SqlCall call && call.getOperator() instanceof WindowTableFunction) {
            if (WINDOW_COLUMNS.contains(field.toLowerCase(Locale.ROOT))) {
                return new Origin(Kind.WINDOW, Optional.empty(), field);
            }
            return of(v, v.getNamespace(call.operand(0)), field, depth + 1);
        }
        return Origin.none(field);
    }

    /** A UNION's column is an event-time attribute when it is one in every branch (as in Flink). */
    private static Origin ofUnionField(SqlValidatorImpl v, SqlValidatorNamespace ns, SqlCall union, String field,
            int depth) {
        int index = indexOf(ns.getRowType().getFieldNames(), field);
        Origin first = null;
        for (SqlNode branch : union.getOperandList()) {
            SqlValidatorNamespace b = v.getNamespace(branch);
            if (b == null || index < 0 || index >= b.getRowType().getFieldCount()) {
                return Origin.none(field);
            }
            Origin o = of(v, b, b.getRowType().getFieldNames().get(index), depth + 1);
            if (o.kind() != Kind.EVENT_TIME) {
                return o;
            }
            first = first == null ? o : first;
        }
        return first == null ? Origin.none(field) : first;
    }

    private static int indexOf(List<String> names, String field) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(field)) {
                return i;
            }
        }
        return -1;
    }

    private static Origin ofSelectField(SqlValidatorImpl v, SqlSelect select, String field, int depth) {
        SelectScope scope = v.getRawSelectScope(select);
        List<SqlNode> items = scope == null ? null : scope.getExpandedSelectList();
        if (items == null) {
            return Origin.none(field);
        }
        int index = indexOf(v.getValidatedNodeType(select).getFieldNames(), field);
        if (index < 0 || index >= items.size()) {
            return Origin.none(field);
        }
        return ofExpression(v, scope, items.get(index), depth + 1);
    }

    private static Origin ofExpression(SqlValidatorImpl v, SqlValidatorScope scope, SqlNode expr, int depth) {
        SqlNode e = expr;
        while (e instanceof SqlCall call && call.getKind() == SqlKind.AS) {
            e = call.operand(0);
        }
        if (e instanceof SqlCall call && call.getOperator().getName().equalsIgnoreCase(RunnelFunctions.PROCTIME.getName())) {
            return new Origin(Kind.PROCESSING_TIME, Optional.empty(), "PROCTIME()");
        }
        if (!(e instanceof SqlIdentifier id)) {
            return Origin.none(e.toString());
        }
        SqlQualified q = scope.fullyQualify(id);
        List<String> suffix = q.suffix();
        String name = id.names.get(id.names.size() - 1);
        if (q.namespace == null || suffix.size() != 1) {
            return Origin.none(name);
        }
        return of(v, q.namespace, suffix.get(0), depth + 1);
    }
}
