package dev.runnel.planner.physical;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Constant rows (VALUES, and the rows of INSERT ... VALUES); values in their types' Java representation. Immutable. */
public record ValuesNode(List<List<Object>> rows, RowSchema schema) implements PhysicalNode {
    public ValuesNode {
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of();
    }
}
