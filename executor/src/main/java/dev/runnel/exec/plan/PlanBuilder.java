package dev.runnel.exec.plan;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.BatchSource;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.OperatorMetrics;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.aggregate.HashAggregateOperator;
import dev.runnel.exec.operator.join.HashJoinOperator;
import dev.runnel.exec.operator.project.FilterOperator;
import dev.runnel.exec.operator.project.ProjectOperator;
import dev.runnel.exec.operator.sort.LimitOperator;
import dev.runnel.exec.operator.sort.SortOperator;
import dev.runnel.exec.operator.source.ValuesSource;
import dev.runnel.exec.operator.union.UnionAllOperator;
import dev.runnel.exec.operator.window.LateRowSinks;
import dev.runnel.exec.operator.window.WindowAggregateOperator;
import dev.runnel.exec.operator.window.WindowTopNOperator;
import dev.runnel.exec.plan.Pipeline.SourceStage;
import dev.runnel.exec.plan.Pipeline.Stage;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.SortNode;
import dev.runnel.planner.physical.UnionAllNode;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowTopNNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Turns a physical plan into a runnable {@link Pipeline}: one operator per node (a Project right
 * over a Filter becomes one {@link ProjectOperator} carrying the condition; a Sort without keys a
 * {@link LimitOperator}; a WindowAggregate a {@link WindowAggregateOperator}, which routes late rows
 * through the builder's {@link LateRowSinks}), each with its own child allocator named after it, chained by
 * {@link Output}s; Values and Scan leaves become {@link BatchSource}s, scans through the
 * {@link ScanSourceFactory}. Sources run in the order they are wired: a join's build side (its right
 * input) before its probe side, union inputs left to right. Thread-safe (holds no per-plan state).
 */
public final class PlanBuilder {
    private final ExprCompiler compiler;
    private final ScanSourceFactory scans;
    private final LateRowSinks lateSinks;

    /** A builder whose plans cannot route late rows ({@code late = 'route'} fails when the pipeline opens). */
    public PlanBuilder(ExprCompiler compiler, ScanSourceFactory scans) {
        this(compiler, scans, LateRowSinks.NONE);
    }

    /** @param lateSinks where window operators write late rows under {@code late = 'route'} */
    public PlanBuilder(ExprCompiler compiler, ScanSourceFactory scans, LateRowSinks lateSinks) {
        this.compiler = compiler;
        this.scans = scans;
        this.lateSinks = lateSinks;
    }

    /**
     * Builds {@code plan} delivering to {@code sink}; memory comes from a child of {@code parent}.
     *
     * @param parameters bound values of the statement's {@code ?} parameters
     * @param clock processing time (CURRENT_TIMESTAMP)
     */
    public Pipeline build(PhysicalNode plan, Output sink, BufferAllocator parent, List<Object> parameters,
            Clock clock) {
        Wiring w = new Wiring(parent.newChildAllocator("pipeline", 0, Long.MAX_VALUE), parameters, clock);
        try {
            w.wire(plan, sink);
        } catch (RuntimeException e) {
            w.abandon(e);
            throw e;
        }
        return new Pipeline(w.allocator, w.stages, w.sources);
    }

    /** The state of one build: contexts and stages in wiring order. */
    private final class Wiring {
        final BufferAllocator allocator;
        final List<Object> parameters;
        final Clock clock;
        final List<Stage> stages = new ArrayList<>();
        final List<SourceStage> sources = new ArrayList<>();
        int sequence;

        Wiring(BufferAllocator allocator, List<Object> parameters, Clock clock) {
            this.allocator = allocator;
            this.parameters = parameters;
            this.clock = clock;
        }

        OperatorContext context(String name) {
            String id = (sequence++) + ":" + name;
            BufferAllocator a = allocator.newChildAllocator(id, 0, Long.MAX_VALUE);
            return new OperatorContext(a, parameters, clock, new OperatorMetrics(id));
        }

        void operator(Operator op, Output downstream, PhysicalNode... inputs) {
            OperatorContext ctx = context(op.getClass().getSimpleName());
            stages.add(new Stage(op, ctx, downstream));
            // the last input is wired first: a join's build side (input 1) runs before its probe side
            for (int i = inputs.length - 1; i >= 0; i--) {
                if (!(op instanceof UnionAllOperator)) {
                    wire(inputs[i], new OperatorInput(op, i));
                }
            }
            if (op instanceof UnionAllOperator) {
                for (int i = 0; i < inputs.length; i++) {
                    wire(inputs[i], new OperatorInput(op, i));
                }
            }
        }

        void source(BatchSource source, OperatorContext ctx, Output downstream) {
            sources.add(new SourceStage(source, ctx, downstream));
        }

        /** Java 17 has no pattern switch: an instanceof chain, with a test that every permitted node is handled. */
        void wire(PhysicalNode node, Output downstream) {
            if (node instanceof ScanNode scan) {
                OperatorContext ctx = context("Scan(" + scan.relation().name() + ")");
                source(scans.create(scan, ctx), ctx, downstream);
            } else if (node instanceof ValuesNode values) {
                source(new ValuesSource(values), context("ValuesSource"), downstream);
            } else if (node instanceof FilterNode filter) {
                operator(FilterOperator.forNode(filter, compiler), downstream, filter.input());
            } else if (node instanceof ProjectNode project) {
                if (project.input() instanceof FilterNode filter) {
                    operator(new ProjectOperator(Optional.of(filter.condition()), project.exprs(),
                            filter.input().schema(), project.schema(), compiler), downstream, filter.input());
                } else {
                    operator(new ProjectOperator(Optional.empty(), project.exprs(), project.input().schema(),
                            project.schema(), compiler), downstream, project.input());
                }
            } else if (node instanceof AggregateNode aggregate) {
                operator(HashAggregateOperator.forNode(aggregate), downstream, aggregate.input());
            } else if (node instanceof SortNode sort) {
                Operator op = sort.keys().isEmpty()
                        ? new LimitOperator(sort.offset(), sort.fetch(), sort.schema(), compiler)
                        : new SortOperator(sort.keys(), sort.offset(), sort.fetch(), sort.schema());
                operator(op, downstream, sort.input());
            } else if (node instanceof UnionAllNode union) {
                operator(new UnionAllOperator(union.inputs().size(), union.schema(), compiler), downstream,
                        union.inputs().toArray(new PhysicalNode[0]));
            } else if (node instanceof HashJoinNode join) {
                operator(HashJoinOperator.forNode(join, compiler), downstream, join.left(), join.right());
            } else if (node instanceof WindowAggregateNode window) {
                operator(new WindowAggregateOperator(window, lateSinks), downstream, window.input());
            } else if (node instanceof WindowTopNNode topN) {
                operator(new WindowTopNOperator(topN, lateSinks), downstream, topN.input());
            } else {
                throw new IllegalStateException("no operator for " + node.getClass().getSimpleName());
            }
        }

        /** Releases what a failed build made. */
        void abandon(RuntimeException failure) {
            for (SourceStage s : sources) {
                try {
                    s.source().close();
                    s.context().allocator().close();
                } catch (RuntimeException e) {
                    failure.addSuppressed(e);
                }
            }
            for (Stage s : stages) {
                try {
                    s.operator().close();
                    s.context().allocator().close();
                } catch (RuntimeException e) {
                    failure.addSuppressed(e);
                }
            }
            allocator.close();
        }
    }
}
