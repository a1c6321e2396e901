package dev.runnel.exec.view;

import dev.runnel.exec.expr.ExprInterpreter;
import dev.runnel.exec.expr.SqlValues;
import dev.runnel.exec.plan.KeyLookups;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pull query that is a point lookup on a materialized view — {@code [Project] ← Filter ← Scan(view)}
 * whose filter pins the view's key ({@link KeyLookups#pattern}) — answered straight from the view's
 * {@link ViewTable} as Java rows: no pipeline, no Arrow batches, no query thread. It returns what
 * the general plan ({@code PlanBuilder}'s lookup source, then the filter and projection operators)
 * returns: the whole condition is evaluated over each row found (by the {@link ExprInterpreter},
 * which compiled expressions are tested against), and projected values take their column's type as
 * they would in a vector. Found once per planned query (a prepared statement keeps it with its
 * plan); each {@link #run} binds that execution's parameters. Immutable and thread-safe.
 */
public final class ViewLookup {
    private final String view;
    private final ScanNode scan;
    private final Expr condition;
    private final List<Expr> projection;
    private final List<DataType> projectedTypes;
    private final List<List<Expr>> keys;
    private final List<String> views;

    private ViewLookup(ScanNode scan, Expr condition, ProjectNode project, List<List<Expr>> keys) {
        this.view = scan.relation().name();
        this.scan = scan;
        this.condition = condition;
        this.projection = project == null ? null : project.exprs();
        this.projectedTypes = project == null ? null
                : project.schema().columns().stream().map(c -> c.type()).toList();
        this.keys = keys;
        this.views = List.of(view);
    }

    /** The lookup {@code root} (the root of a pull query's plan) is, if it is one. */
    public static Optional<ViewLookup> of(PhysicalNode root) {
        ProjectNode project = null;
        PhysicalNode node = root;
        if (node instanceof ProjectNode p) {
            project = p;
            node = p.input();
        }
        if (!(node instanceof FilterNode filter) || !(filter.input() instanceof ScanNode scan)
                || scan.relation().kind() != RelationKind.MATERIALIZED_VIEW) {
            return Optional.empty();
        }
        ProjectNode p = project;
        return KeyLookups.pattern(scan, filter.condition()).map(k -> new ViewLookup(scan, filter.condition(), p, k));
    }

    /** The view it reads. */
    public String view() {
        return view;
    }

    /** The views it reads: the one. */
    public List<String> views() {
        return views;
    }

    /**
     * The query's rows for these parameters, read from {@code table} (the view's contents); null when
     * a key cannot be bound here (a parameter without a value), for the general plan to run instead.
     *
     * @param nowMillis what CURRENT_TIMESTAMP is in the condition and projection
     * @throws dev.runnel.sql.RunnelSqlException (22000) when a row's value cannot be computed
     */
    public List<Object[]> run(ViewTable table, List<Object> parameters, long nowMillis) {
        Optional<List<List<Object>>> bound = KeyLookups.bind(keys, parameters);
        if (bound.isEmpty()) {
            return null;
        }
        List<List<Object>> probes = bound.get();
        for (int i = probes.size() - 1; i >= 0; i--) {
            if (probes.get(i).contains(null)) { // key = NULL matches no row
                probes.remove(i);
            }
        }
        List<Object[]> found;
        try {
            found = table.lookupRows(probes);
        } catch (ClassCastException | NumberFormatException e) {
            return null; // a value its key column cannot take: the general plan reports it
        }
        if (found.isEmpty()) {
            return found;
        }
        ExprInterpreter interpreter = new ExprInterpreter(parameters, nowMillis);
        List<Object[]> out = new ArrayList<>(found.size());
        List<Integer> columns = scan.columns();
        for (Object[] viewRow : found) {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = viewRow[columns.get(i)];
            }
            if (!Boolean.TRUE.equals(interpreter.evaluate(condition, row))) {
                continue;
            }
            if (projection == null) {
                out.add(row);
                continue;
            }
            Object[] projected = new Object[projection.size()];
            for (int i = 0; i < projected.length; i++) {
                projected[i] = asStored(interpreter.evaluate(projection.get(i), row), projectedTypes.get(i));
            }
            out.add(projected);
        }
        return out;
    }

    /** {@code v} as a vector of {@code type} holds it (see {@code Vectors.set}): its Java class, a DECIMAL at the type's scale. */
    private static Object asStored(Object v, DataType type) {
        Object c = SqlValues.coerce(v, type);
        if (c instanceof BigDecimal d && type.kind() == TypeKind.DECIMAL) {
            return d.setScale(type.scale(), RoundingMode.HALF_UP);
        }
        return c;
    }
}
