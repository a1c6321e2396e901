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
 * what {@code IN} becomes), the key values to look up. The shape ({@link #pattern}) depends on the
 * plan only, so a prepared statement finds it once and {@link #bind}s each execution's parameters.
 * Stateless.
 */
public final class KeyLookups {
    private KeyLookups() {}

    /** The key tuples to look up, in primary-key column order; empty when the filter does not pin the key. */
    static Optional<List<List<Object>>> keys(ScanNode scan, Expr condition, List<Object> parameters) {
        Optional<List<List<Object>>> keys = pattern(scan, condition).flatMap(p -> bind(p, parameters));
        if (keys.isPresent() && keys.get().stream().anyMatch(t -> t.contains(null))) {
            return Optional.empty(); // key = NULL matches nothing: left to the filter over a scan
        }
        return keys;
    }

    /**
     * The key tuples {@code condition} pins, each a constant expression per primary-key column (in
     * its order): a literal, a parameter, or a CAST of one; empty when the filter does not pin the key.
     */
    public static Optional<List<List<Expr>>> pattern(ScanNode scan, Expr condition) {
        List<Integer> pk = scan.relation().primaryKey();
        if (pk.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, Expr> pinned = new HashMap<>();
        for (Expr term : conjuncts(condition)) {
            pin(scan, term, pinned);
        }
        if (pinned.keySet().containsAll(pk)) {
            List<Expr> key = new ArrayList<>();
            pk.forEach(k -> key.add(pinned.get(k)));
            return Optional.of(List.of(List.copyOf(key)));
        }
        if (pk.size() == 1 && condition instanceof Call or && or.op() == Operator.OR) {
            List<List<Expr>> keys = new ArrayList<>();
            for (Expr e : or.operands()) {
                Map<Integer, Expr> one = new HashMap<>();
                if (!pin(scan, e, one) || !one.containsKey(pk.get(0))) {
                    return Optional.empty();
                }
                keys.add(List.of(one.get(pk.get(0))));
            }
            return Optional.of(List.copyOf(keys));
        }
        return Optional.empty();
    }

    /**
     * The values of a {@link #pattern}'s constants for these parameters (a CAST's operand as it is;
     * NULL as null); empty when a parameter has no value bound.
     */
    public static Optional<List<List<Object>>> bind(List<List<Expr>> pattern, List<Object> parameters) {
        List<List<Object>> keys = new ArrayList<>(pattern.size());
        for (List<Expr> tuple : pattern) {
            List<Object> key = new ArrayList<>(tuple.size());
            for (Expr e : tuple) {
                Expr c = uncastAll(e);
                if (c instanceof Literal l) {
                    key.add(l.value());
                } else if (c instanceof DynamicParam p && p.index() < parameters.size()) {
                    key.add(parameters.get(p.index()));
                } else {
                    return Optional.empty();
                }
            }
            keys.add(key);
        }
        return Optional.of(keys);
    }

    private static List<Expr> conjuncts(Expr e) {
        if (e instanceof Call c && c.op() == Operator.AND) {
            List<Expr> all = new ArrayList<>();
            c.operands().forEach(o -> all.addAll(conjuncts(o)));
            return all;
        }
        return List.of(e);
    }

    /** If {@code term} is {@code column = constant}, records it (relation column index to the constant). */
    private static boolean pin(ScanNode scan, Expr term, Map<Integer, Expr> pinned) {
        if (!(term instanceof Call c) || c.op() != Operator.EQUALS || c.operands().size() != 2) {
            return false;
        }
        for (int side = 0; side < 2; side++) {
            Expr value = c.operands().get(1 - side);
            if (c.operands().get(side) instanceof InputRef ref && constant(value)) {
                pinned.put(scan.columns().get(ref.index()), value);
                return true;
            }
        }
        return false;
    }

    private static Expr uncastAll(Expr e) {
        while (e instanceof Call c && c.op() == Operator.CAST) {
            e = c.operands().get(0);
        }
        return e;
    }

    private static boolean constant(Expr e) {
        Expr c = uncastAll(e);
        return c instanceof Literal || c instanceof DynamicParam;
    }
}
