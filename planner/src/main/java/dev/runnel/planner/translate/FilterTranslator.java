package dev.runnel.planner.translate;

import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.PhysicalNode;
import org.apache.calcite.rel.core.Filter;

/** Filter to {@link FilterNode}. Stateless. */
public final class FilterTranslator {
    private FilterTranslator() {}

    public static PhysicalNode translate(Filter filter, PhysicalTranslator t) {
        return new FilterNode(t.translate(filter.getInput()), t.rex().translate(filter.getCondition()));
    }
}
