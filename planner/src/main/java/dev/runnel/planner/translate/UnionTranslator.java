package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.TypeMapping;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.UnionAllNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Union;

/**
 * Union to {@link UnionAllNode}; each input whose column types differ from the union's is cast in
 * a Project first. UNION (distinct) is UNION ALL then an {@link AggregateNode} grouping on every
 * column. Stateless.
 */
public final class UnionTranslator {
    private UnionTranslator() {}

    public static PhysicalNode translate(Union union, PhysicalTranslator t) {
        RowSchema schema = TypeMapping.toRowSchema(union.getRowType());
        List<PhysicalNode> inputs = new ArrayList<>();
        for (RelNode in : union.getInputs()) {
            inputs.add(castTo(t.translate(in), schema));
        }
        UnionAllNode all = new UnionAllNode(inputs, schema);
        if (union.all) {
            return all;
        }
        return new AggregateNode(all, IntStream.range(0, schema.size()).boxed().toList(), List.of(), schema);
    }

    static PhysicalNode castTo(PhysicalNode node, RowSchema schema) {
        boolean same = true;
        for (int i = 0; i < schema.size(); i++) {
            same &= TypeMapping.sameIgnoringNullability(node.schema().get(i).type(), schema.get(i).type());
        }
        if (same) {
            return node;
        }
        List<Expr> exprs = new ArrayList<>();
        List<Expr> refs = Exprs.refsTo(node.schema());
        for (int i = 0; i < schema.size(); i++) {
            exprs.add(Coercions.castTo(refs.get(i), schema.get(i).type()));
        }
        return new ProjectNode(node, exprs, Exprs.schemaOf(node.schema().columns().stream().map(c -> c.name()).toList(),
                exprs));
    }
}
