package dev.runnel.exec.operator.join;

import dev.runnel.sql.type.DataType;
import dev.runnel.exec.expr.CompiledFilter;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Helpers for joins: which types can be compared as keys, NULL checks, the residual over pairs. Stateless. */
final class JoinKeys {
    private JoinKeys() {}

    /** Types whose values a join can compare directly share a family (the same column buffer layout). */
    static int family(DataType t) {
        return switch (t.kind()) {
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> 1;
            case INT, DATE, INTERVAL_YEAR_MONTH -> 2;
            case DOUBLE -> 3;
            case DECIMAL -> 4;
            case VARCHAR -> 5;
            case BOOLEAN -> 6;
            case NULL -> 7;
        };
    }

    /**
     * Which of the first {@code n} rows of {@code pairs} pass the join's residual condition (all of
     * them without one): their indices go into {@code selection}; returns how many.
     */
    static int keep(CompiledFilter residual, VectorSchemaRoot pairs, int n, int[] selection) {
        if (residual != null) {
            return residual.filter(pairs, n, selection);
        }
        for (int i = 0; i < n; i++) {
            selection[i] = i;
        }
        return n;
    }

    static boolean anyNull(FieldVector[] keys, int row) {
        for (FieldVector k : keys) {
            if (k.isNull(row)) {
                return true;
            }
        }
        return false;
    }
}
