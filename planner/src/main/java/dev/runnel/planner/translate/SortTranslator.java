package dev.runnel.planner.translate;

import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.SortNode;
import dev.runnel.planner.physical.SortNode.SortKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Sort (ORDER BY, OFFSET, FETCH/LIMIT) to {@link SortNode}. Where the query does not say where
 * NULLs go, they sort as if larger than any value (last ascending, first descending), Calcite's
 * default. OFFSET/FETCH must be constants. Stateless.
 */
public final class SortTranslator {
    private SortTranslator() {}

    public static PhysicalNode translate(Sort sort, PhysicalTranslator t) {
        List<SortKey> keys = new ArrayList<>();
        for (RelFieldCollation c : sort.getCollation().getFieldCollations()) {
            boolean descending = c.getDirection().isDescending();
            RelFieldCollation.NullDirection nulls = c.nullDirection;
            // unspecified: NULL below every value (the validator's NullCollation.LOW, as Flink)
            boolean nullsFirst = nulls == RelFieldCollation.NullDirection.UNSPECIFIED
                    ? !descending : nulls == RelFieldCollation.NullDirection.FIRST;
            keys.add(new SortKey(c.getFieldIndex(), descending, nullsFirst));
        }
        return new SortNode(t.translate(sort.getInput()), keys, constant(sort.offset, 0), constant(sort.fetch, -1));
    }

    private static long constant(RexNode n, long absent) {
        if (n == null) {
            return absent;
        }
        if (n instanceof RexLiteral lit && lit.getValueAs(BigDecimal.class) != null) {
            return lit.getValueAs(BigDecimal.class).longValueExact();
        }
        throw Unsupported.of("a parameter in OFFSET or FETCH");
    }
}
