package dev.runnel.exec.plan;

import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.DynamicParam;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.ScanNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the keys a filter over a scan pins: when the condition's AND-ed terms set every primary
 * key column of the scanned relation to a constant ({@code key = 42}, {@code key = ?}, with CASTs
 * of constants), or OR together such equalities on a one-column key ({@code key = 1 OR key = 2},
 * what {@code IN} becomes), the key values to look up. Stateless.
 */
final class KeyLookups {
    private KeyLookups() {}

    /** The key tuples to look up, in primary-key column order; empty when the filter does not pin the key. */
    static Optional<List<List<Object>>> keys(ScanNode scan, Expr condition, List<Object> parameters) {
        List<Integer> pk = scan.relation().primaryKey();
        if (pk.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, Object> pinned = new HashMap<>();
        for (Expr term : conjuncts(condition)) {
            pin(scan, term, parameters, pinned);
        }
        if (pinned.keySet().containsAll(pk)) {
            List<Object> key = new ArrayList<>();
            pk.forEach(k -> key.add(pinned.get(k)));
            return Optional.of(List.of(key));
        }
        if (pk.size() == 1 && condition instanceof Call or && or.op() == Operator.OR) {
            List<List<Object>> keys = new ArrayList<>();
            for (Expr e : or.operands()) {
                Map<Integer, Object> one = new HashMap<>();
                if (!pin(scan, e, parameters, one) || !one.containsKey(pk.get(0))) {
                    return Optional.empty();
                }
                keys.add(java.util.Collections.singletonList(one.get(pk.get(0))));
            }
            return Optional.of(keys);
        }
        return Optional.empty();
    }

    private static List<Expr> conjuncts(Expr e) {
        if (e instanceof Call c && c.op() == Operator.AND) {
            List<Expr> all = new ArrayList<>();
            c.operands().forEach(o -> all.addAll(conjuncts(o)));
            return all;
        }
        return List.of(e);
    }

    /** If {@code term} is {@code column = constant}, records it (relation column index to value). */
    private static boolean pin(ScanNode scan, Expr term, List<Object> parameters, Map<Integer, Object> pinned) {
        if (!(term instanceof Call c) || c.op() != Operator.EQUALS || c.operands().size() != 2) {
            return false;
        }
        for (int side = 0; side < 2; side++) {
            Expr column = uncast(c.operands().get(side));
            Expr value = c.operands().get(1 - side);
            Optional<Object> constant = constant(value, parameters);
            if (column instanceof InputRef ref && c.operands().get(side) instanceof InputRef && constant.isPresent()
                    && constant.get() != null) {
                pinned.put(scan.columns().get(ref.index()), constant.get());
                return true;
            }
        }
        return false;
    }

    private static Expr uncast(Expr e) {
        return e instanceof Call c && c.op() == Operator.CAST ? c.operands().get(0) : e;
    }

    private static Optional<Object> constant(Expr e, List<Object> parameters) {
        if (e instanceof Literal l) {
            return Optional.ofNullable(l.value());
        }
        if (e instanceof DynamicParam p && p.index() < parameters.size()) {
            return Optional.ofNullable(parameters.get(p.index()));
        }
        if (e instanceof Call c && c.op() == Operator.CAST) {
            return constant(c.operands().get(0), parameters);
        }
        return Optional.empty();
    }
}
