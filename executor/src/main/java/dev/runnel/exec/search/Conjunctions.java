package dev.runnel.exec.search;

import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * A condition in disjunctive normal form: a list of conjunctions (each a list of conjuncts), TRUE
 * exactly when one conjunction has every conjunct TRUE. AND distributes over OR and both keep
 * SQL's three-valued rule for "is TRUE", so the rewrite never changes which rows match. NOT and other
 * calls stay whole conjuncts. Past {@link #CAP} conjunctions the condition stays one conjunction
 * of itself (evaluated whole). Stateless.
 */
final class Conjunctions {
    /** The most conjunctions one search is split into. */
    static final int CAP = 64;

    private Conjunctions() {}

    static List<List<Expr>> of(Expr condition) {
        List<List<Expr>> dnf = dnf(condition);
        return dnf == null ? List.of(List.of(condition)) : dnf;
    }

    /** The DNF, or null past the cap. TRUE is one empty conjunction; FALSE and NULL are none. */
    private static List<List<Expr>> dnf(Expr e) {
        if (e instanceof Literal l) {
            return Boolean.TRUE.equals(l.value()) ? List.of(List.of()) : List.of();
        }
        if (e instanceof Call c && c.op() == Operator.OR) {
            List<List<Expr>> out = new ArrayList<>();
            for (Expr o : c.operands()) {
                List<List<Expr>> d = dnf(o);
                if (d == null || out.size() + d.size() > CAP) {
                    return null;
                }
                out.addAll(d);
            }
            return out;
        }
        if (e instanceof Call c && c.op() == Operator.AND) {
            List<List<Expr>> out = List.of(List.of());
            for (Expr o : c.operands()) {
                List<List<Expr>> d = dnf(o);
                if (d == null || (long) out.size() * d.size() > CAP) {
                    return null;
                }
                List<List<Expr>> next = new ArrayList<>();
                for (List<Expr> left : out) {
                    for (List<Expr> right : d) {
                        List<Expr> both = new ArrayList<>(left);
                        both.addAll(right);
                        next.add(both);
                    }
                }
                out = next;
            }
            return out;
        }
        return List.of(List.of(e));
    }
}
