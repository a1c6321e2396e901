package dev.runnel.exec.operator.join;

import dev.runnel.sql.type.DataType;
import org.apache.arrow.vector.FieldVector;

/** Helpers for join keys: which types can be compared as keys, and NULL checks. Stateless. */
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

    static boolean anyNull(FieldVector[] keys, int row) {
        for (FieldVector k : keys) {
            if (k.isNull(row)) {
                return true;
            }
        }
        return false;
    }
}
