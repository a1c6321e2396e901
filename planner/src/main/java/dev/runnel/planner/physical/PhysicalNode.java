package dev.runnel.planner.physical;

import java.util.List;

/**
 * A node of Runnel's physical plan: what the executor runs, in Runnel's own records (Calcite
 * stops at the planner). Plans are immutable trees; nodes refer to input columns by index. The
 * executor translates each node to an operator with a small factory, switching over the permitted
 * records without a default branch, so a new node breaks the compile wherever it is not handled.
 */
public sealed interface PhysicalNode
        permits ScanNode, ValuesNode, FilterNode, ProjectNode, AggregateNode, SortNode, UnionAllNode, HashJoinNode,
                IntervalJoinNode, WindowJoinNode,
                WindowAggregateNode, WindowTopNNode, TemporalJoinNode, TopNNode, MatchNode,
                OverAggregateNode {

    /** The rows this node produces. */
    RowSchema schema();

    /** Input nodes, left to right. */
    List<PhysicalNode> inputs();
}
