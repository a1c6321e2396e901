package dev.runnel.exec.operator.project;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text-valued subexpressions that a filter computes for every row and the projection over it
 * computes again (Nexmark q21's {@code REGEXP_EXTRACT(url, ...)} in the WHERE and in a CASE of the
 * SELECT): the projecting operator computes them once per batch as extra input columns and both read
 * those. Only subexpressions the condition evaluates for every row qualify (not under the later
 * operands of AND or OR, or the branches of CASE, COALESCE): computing them up front then computes
 * nothing the filter would not, and fails on no row the filter would not fail on. Immutable.
 *
 * @param shared the subexpressions, over the input row; column {@code input + k} holds {@code shared[k]}
 * @param condition the condition over the extended row
 * @param exprs the projections over the extended row
 * @param extended the input columns, then one per shared subexpression
 */
record SharedSubexpressions(List<Expr> shared, Expr condition, List<Expr> exprs, RowSchema extended) {

    /** What {@code condition} and {@code exprs} (over {@code input}) share; {@code shared} is empty when nothing. */
    static SharedSubexpressions find(Expr condition, List<Expr> exprs, RowSchema input) {
        List<Expr> always = new ArrayList<>();
        collect(condition, always);
        Map<Expr, Integer> columns = new LinkedHashMap<>();
        for (Expr candidate : always) {
            if (!columns.containsKey(candidate) && exprs.stream().anyMatch(e -> contains(e, candidate))
                    && columns.keySet().stream().noneMatch(s -> contains(s, candidate))) {
                columns.put(candidate, input.size() + columns.size());
            }
        }
        if (columns.isEmpty()) {
            return new SharedSubexpressions(List.of(), condition, exprs, input);
        }
        List<Column> extended = new ArrayList<>(input.columns());
        int k = 0;
        for (Expr s : columns.keySet()) {
            extended.add(new Column("$shared" + k++, s.type()));
        }
        List<Expr> rewritten = new ArrayList<>();
        for (Expr e : exprs) {
            rewritten.add(replace(e, columns));
        }
        return new SharedSubexpressions(List.copyOf(columns.keySet()), replace(condition, columns), rewritten,
                new RowSchema(extended));
    }

    /** Text-valued calls evaluated for every row, outermost first. */
    private static void collect(Expr e, List<Expr> out) {
        if (!(e instanceof Call c)) {
            return;
        }
        if (c.type().kind() == TypeKind.VARCHAR) {
            out.add(c);
        }
        List<Expr> ops = c.operands();
        switch (c.op()) {
            case AND, OR, CASE, COALESCE -> {
                if (!ops.isEmpty()) {
                    collect(ops.get(0), out); // the rest only if the first does not decide
                }
            }
            default -> ops.forEach(o -> collect(o, out));
        }
    }

    private static boolean contains(Expr e, Expr part) {
        if (e.equals(part)) {
            return true;
        }
        return e instanceof Call c && c.operands().stream().anyMatch(o -> contains(o, part));
    }

    private static Expr replace(Expr e, Map<Expr, Integer> columns) {
        Integer at = columns.get(e);
        if (at != null) {
            return new InputRef(at, e.type());
        }
        if (e instanceof Call c) {
            List<Expr> ops = new ArrayList<>();
            for (Expr o : c.operands()) {
                ops.add(replace(o, columns));
            }
            return new Call(c.op(), ops, c.type());
        }
        return e;
    }
}
