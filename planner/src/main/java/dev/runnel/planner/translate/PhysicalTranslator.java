package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.WindowTableFunction;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.physical.PhysicalNode;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Match;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Snapshot;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Uncollect;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.stream.Delta;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;

/**
 * Translates a logical plan (Calcite RelNodes) into Runnel's physical plan records, one small
 * translator per RelNode kind. Calcite stops here: what comes out references no Calcite type.
 * RelNodes with no Runnel counterpart are "not supported yet" (0A000); a Correlate left after
 * decorrelation is "this subquery form is not supported yet". Not thread-safe (one per statement).
 */
public final class PhysicalTranslator {
    private final RexTranslator rex;
    /** The fields a projection reads of its input (a window join keeps only the columns needed for them). */
    private final Map<RelNode, ImmutableBitSet> used = new IdentityHashMap<>();

    public PhysicalTranslator(RexBuilder rexBuilder) {
        this.rex = new RexTranslator(rexBuilder);
    }

    public RexTranslator rex() {
        return rex;
    }

    /** Which fields of {@code rel} its parent reads, when the parent is a projection; null: all of them. */
    ImmutableBitSet usedFields(RelNode rel) {
        return used.get(rel);
    }

    /** Translates a plan and gives its output columns the names the query spelled. */
    public PhysicalNode translateRoot(RelNode rel, List<String> names) {
        return ProjectTranslator.renamed(translate(rel), names);
    }

    public PhysicalNode translate(RelNode rel) {
        if (rel instanceof TableScan scan) {
            return ScanTranslator.scan(scan);
        }
        if (rel instanceof Project project) {
            if (project.getProjects().stream().anyMatch(RexOver::containsOver)) {
                return OverTranslator.translate(project, this); // its errors before its input's: the OVER is what the query is about
            }
            used.put(project.getInput(), RelOptUtil.InputFinder.bits(project.getProjects(), null));
            return ProjectTranslator.translate(project, this);
        }
        if (rel instanceof Filter filter) {
            PhysicalNode topN = WindowTopNTranslator.translate(filter, this);
            return topN != null ? topN : FilterTranslator.translate(filter, this);
        }
        if (rel instanceof Aggregate aggregate) {
            return AggregateTranslator.translate(aggregate, this);
        }
        if (rel instanceof Sort sort) {
            return SortTranslator.translate(sort, this);
        }
        if (rel instanceof Union union) {
            return UnionTranslator.translate(union, this);
        }
        if (rel instanceof Values values) {
            return ValuesTranslator.translate(values);
        }
        if (rel instanceof Join join) {
            return JoinTranslator.translate(join, this);
        }
        if (rel instanceof Correlate) {
            throw Unsupported.subquery();
        }
        if (rel instanceof Snapshot snapshot) {
            return TemporalJoinTranslator.processingTime(snapshot, this);
        }
        if (rel instanceof Match match) {
            return MatchTranslator.translate(match, this);
        }
        throw Unsupported.of(describe(rel));
    }

    private static String describe(RelNode rel) {
        if (rel instanceof TableFunctionScan scan && scan.getCall() instanceof RexCall call) {
            if (call.getOperator() instanceof WindowTableFunction) {
                return call.getOperator().getName() + " not followed by GROUP BY window_start, window_end, a"
                        + " window Top-N or a window join with another window table function";
            }
            return "the table function " + call.getOperator().getName();
        }
        if (rel instanceof Intersect) {
            return "INTERSECT ALL (INTERSECT without ALL runs)"; // the distinct form became an aggregate
        }
        if (rel instanceof Minus) {
            return "EXCEPT ALL (EXCEPT without ALL runs)";
        }
        if (rel instanceof Match) {
            return "MATCH_RECOGNIZE";
        }
        if (rel instanceof Snapshot) {
            return "FOR SYSTEM_TIME AS OF (temporal joins)";
        }
        if (rel instanceof Window) {
            return "the OVER clause";
        }
        if (rel instanceof Uncollect) {
            return "UNNEST";
        }
        if (rel instanceof Delta) {
            return "STREAM inside a query";
        }
        return "the relational operator " + rel.getRelTypeName();
    }
}
