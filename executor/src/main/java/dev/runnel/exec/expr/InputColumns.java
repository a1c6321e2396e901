package dev.runnel.exec.expr;

import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import java.util.List;
import java.util.TreeSet;

/** The input columns expressions read. Stateless. */
final class InputColumns {
    private InputColumns() {}

    static int[] of(List<Expr> exprs) {
        TreeSet<Integer> cols = new TreeSet<>();
        for (Expr e : exprs) {
            collect(e, cols);
        }
        return cols.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void collect(Expr e, TreeSet<Integer> cols) {
        if (e instanceof InputRef r) {
            cols.add(r.index());
        } else if (e instanceof Call c) {
            for (Expr o : c.operands()) {
                collect(o, cols);
            }
        }
    }
}
