package dev.runnel.planner.translate;

import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

/**
 * Project to {@link ProjectNode}. A Project directly on a scan is folded into it: the scan reads
 * only the referenced columns, and when the Project only picks columns (no expressions, no
 * renames) the scan alone remains. A Project over a translated projection is merged into it when
 * that computes nothing twice (e.g. above a window aggregate's own projection). Stateless.
 */
public final class ProjectTranslator {
    private ProjectTranslator() {}

    public static PhysicalNode translate(Project project, PhysicalTranslator t) {
        List<String> names = project.getRowType().getFieldNames();
        if (project.getInput() instanceof TableScan scan && ScanTranslator.isRelation(scan)) {
            return onScan(project, scan, names, t);
        }
        PhysicalNode input = t.translate(project.getInput());
        List<Expr> exprs = t.rex().translateAll(project.getProjects());
        if (Exprs.isIdentity(exprs, input.schema().size())
                && input.schema().columns().stream().map(c -> c.name()).toList().equals(names)) {
            return input;
        }
        if (input instanceof ProjectNode inner && mergeable(exprs, inner)) {
            List<Expr> merged = exprs.stream().map(e -> Exprs.substitute(e, inner.exprs())).toList();
            return new ProjectNode(inner.input(), merged, Exprs.schemaOf(names, merged));
        }
        return new ProjectNode(input, exprs, Exprs.schemaOf(names, exprs));
    }

    /**
     * Whether a projection over {@code inner} can be computed directly over inner's input: each
     * inner column it reads is a column, a constant, or read once (so no work is done twice).
     */
    private static boolean mergeable(List<Expr> outer, ProjectNode inner) {
        int[] uses = new int[inner.exprs().size()];
        outer.forEach(e -> Exprs.forEachInputRef(e, ref -> uses[ref.index()]++));
        for (int i = 0; i < uses.length; i++) {
            Expr e = inner.exprs().get(i);
            if (uses[i] > 1 && !(e instanceof InputRef) && !(e instanceof Literal)) {
                return false;
            }
        }
        return true;
    }

    private static PhysicalNode onScan(Project project, TableScan scan, List<String> names, PhysicalTranslator t) {
        List<RexNode> projects = project.getProjects();
        boolean onlyColumns = projects.stream().allMatch(p -> p instanceof RexInputRef)
                && projects.stream().map(p -> ((RexInputRef) p).getIndex()).distinct().count() == projects.size();
        if (onlyColumns && !projects.isEmpty()) {
            ScanNode s = ScanTranslator.of(scan, projects.stream().map(p -> ((RexInputRef) p).getIndex()).toList());
            return renamed(s, names);
        }
        List<Integer> used = RelOptUtil.InputFinder.bits(projects, null).asList();
        ScanNode s = ScanTranslator.of(scan, used);
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < s.columns().size(); i++) {
            position.put(s.columns().get(i), i);
        }
        List<Expr> exprs = t.rex().translateAll(projects).stream()
                .map(e -> Exprs.remap(e, position::get))
                .toList();
        return new ProjectNode(s, exprs, Exprs.schemaOf(names, exprs));
    }

    /** The node itself when its columns already have these names, else a renaming projection. */
    static PhysicalNode renamed(PhysicalNode node, List<String> names) {
        RowSchema schema = node.schema();
        if (schema.columns().stream().map(c -> c.name()).toList().equals(names)) {
            return node;
        }
        if (node instanceof ProjectNode p) {
            return new ProjectNode(p.input(), p.exprs(), Exprs.schemaOf(names, p.exprs()));
        }
        List<Expr> refs = Exprs.refsTo(schema);
        return new ProjectNode(node, refs, Exprs.schemaOf(names, refs));
    }
}
