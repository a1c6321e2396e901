package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.TypeMapping;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ValuesNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rex.RexLiteral;

/** Values to {@link ValuesNode}: each literal converted to its column's type. Stateless. */
public final class ValuesTranslator {
    private ValuesTranslator() {}

    public static ValuesNode translate(Values values) {
        RowSchema schema = TypeMapping.toRowSchema(values.getRowType());
        List<List<Object>> rows = new ArrayList<>();
        for (List<RexLiteral> tuple : values.getTuples()) {
            List<Object> row = new ArrayList<>(tuple.size());
            for (int i = 0; i < tuple.size(); i++) {
                row.add(Literals.valueOf(tuple.get(i), schema.get(i).type()));
            }
            rows.add(row);
        }
        return new ValuesNode(rows, schema);
    }
}
