package dev.runnel.exec.engine;

import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.DynamicParam;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.type.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Finds the types of a plan's {@code ?} parameters and checks the values bound to them. Stateless. */
final class Parameters {
    private Parameters() {}

    static void check(int expected, List<Object> given, SourcePos pos) {
        if (given.size() != expected) {
            throw new RunnelSqlException("07001", "the statement has " + expected + " parameter"
                    + (expected == 1 ? "" : "s") + " but " + given.size() + (given.size() == 1 ? " was" : " were")
                    + " given", pos);
        }
    }

    /** Parameter types by index (VARCHAR where a parameter's type could not be found). */
    static List<DataType> types(PhysicalNode root, int count) {
        List<DataType> types = new ArrayList<>(Collections.nCopies(count, DataType.varchar()));
        collect(root, types);
        return types;
    }

    private static void collect(PhysicalNode node, List<DataType> types) {
        if (node instanceof FilterNode f) {
            collect(f.condition(), types);
        } else if (node instanceof ProjectNode p) {
            p.exprs().forEach(e -> collect(e, types));
        } else if (node instanceof HashJoinNode j) {
            j.condition().ifPresent(e -> collect(e, types));
        } else if (node instanceof dev.runnel.planner.physical.TemporalJoinNode j) {
            j.condition().ifPresent(e -> collect(e, types));
        } else if (node instanceof AggregateNode a) {
            // aggregates take column arguments only
        }
        for (PhysicalNode in : node.inputs()) {
            collect(in, types);
        }
    }

    private static void collect(Expr e, List<DataType> types) {
        if (e instanceof DynamicParam p && p.index() < types.size()) {
            types.set(p.index(), p.type());
        } else if (e instanceof Call c) {
            c.operands().forEach(o -> collect(o, types));
        }
    }
}
