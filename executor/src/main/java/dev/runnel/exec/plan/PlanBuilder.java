package dev.runnel.exec.plan;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.BatchSource;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.OperatorMetrics;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.expr.fn.SqlErrors;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.operator.ProjectingEmitter;
import dev.runnel.exec.operator.aggregate.ChangelogApplyOperator;
import dev.runnel.exec.operator.aggregate.ChangelogNormalizeOperator;
import dev.runnel.exec.operator.aggregate.HashAggregateOperator;
import dev.runnel.exec.operator.cep.MatchRecognizeOperator;
import dev.runnel.exec.operator.join.HashJoinOperator;
import dev.runnel.exec.operator.join.IntervalJoinOperator;
import dev.runnel.exec.operator.join.WindowJoinOperator;
import dev.runnel.exec.operator.join.StreamingJoinOperator;
import dev.runnel.exec.operator.join.TemporalJoinOperator;
import dev.runnel.exec.operator.project.FilterOperator;
import dev.runnel.exec.operator.project.ProjectOperator;
import dev.runnel.exec.operator.sort.LimitOperator;
import dev.runnel.exec.operator.sort.SortOperator;
import dev.runnel.exec.operator.source.ValuesSource;
import dev.runnel.exec.operator.union.UnionAllOperator;
import dev.runnel.exec.operator.window.LateRowSinks;
import dev.runnel.exec.operator.window.WindowAggregateOperator;
import dev.runnel.exec.operator.over.OverAggregateOperator;
import dev.runnel.exec.operator.rank.TopNOperator;
import dev.runnel.exec.operator.window.WindowTopNOperator;
import dev.runnel.exec.plan.Pipeline.SourceStage;
import dev.runnel.exec.plan.Pipeline.Stage;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.IntervalJoinNode;
import dev.runnel.planner.physical.WindowJoinNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.SortNode;
import dev.runnel.planner.physical.TemporalJoinNode;
import dev.runnel.planner.physical.UnionAllNode;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.MatchNode;
import dev.runnel.planner.physical.OverAggregateNode;
import dev.runnel.planner.physical.TopNNode;
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
 * input) before its probe side, union inputs left to right; the sources of a plan with an interval
 * join (and of any continuous plan with several) take turns instead ({@link Pipeline}). Thread-safe (holds no per-plan state).
 */
public final class PlanBuilder {
    private final ExprCompiler compiler;
    private final ScanSourceFactory scans;
    private final LateRowSinks lateSinks;
    private long stateTtlMillis;

    /** A builder whose plans cannot route late rows ({@code late = 'route'} fails when the pipeline opens). */
    public PlanBuilder(ExprCompiler compiler, ScanSourceFactory scans) {
        this(compiler, scans, LateRowSinks.NONE);
    }

    /**
     * Sets the state TTL of the plans this builder makes (0, the default: none): their regular joins
     * drop rows not written for that long (processing time). Returns this builder.
     */
    public PlanBuilder withStateTtl(long millis) {
        this.stateTtlMillis = millis;
        return this;
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
        return build(plan, null, sink, parent, parameters, clock);
    }

    /**
     * Builds {@code plan}, then {@code last} (when not null) over its rows (append-only), delivering
     * {@code last}'s output to {@code sink}: an operator the caller made (a job's standing searches),
     * checkpointed and measured like the plan's own.
     */
    public Pipeline build(PhysicalNode plan, Operator last, Output sink, BufferAllocator parent,
            List<Object> parameters, Clock clock) {
        Wiring w = new Wiring(parent.newChildAllocator("pipeline", 0, Long.MAX_VALUE), parameters, clock);
        try {
            if (last != null) {
                w.stages.add(new Stage(last, w.context(last.getClass().getSimpleName()), sink));
                sink = new OperatorInput(last, 0);
            }
            if (continuous() || !changelog(plan)) {
                w.wire(plan, sink);
            } else {
                w.wire(plan, w.applied(plan, sink)); // a bounded run returns the changelog's final rows
            }
        } catch (RuntimeException e) {
            w.abandon(e);
            throw e;
        }
        // a bounded plan runs its sources one after another (a hash join builds first), unless a
        // join needs both inputs to advance together: then they take turns, so state stays small
        return new Pipeline(w.allocator, w.stages, w.sources, w.cancelled, w.interleave && w.hashJoins == 0);
    }

    /**
     * Whether the plan runs continuously: its scans tail the log (push queries, jobs), so aggregates
     * emit their changes as they go instead of once at the end.
     */
    public boolean continuous() {
        return scans.unbounded();
    }

    /**
     * Whether {@code node}'s batches, as this builder runs it, form a {@link Changelog} (carry a
     * change kind after their columns): a GROUP BY or a regular Top-N that runs continuously, a
     * window aggregate under {@code late = 'update'}, a continuous scan of a table or a view, and the
     * filters, projections, limits and unions over them. A bounded
     * {@link #build} applies a changelog root, so its sink gets the final rows; a continuous one
     * hands the sink the changelog.
     */
    public boolean changelog(PhysicalNode node) {
        if (node instanceof FilterNode || node instanceof ProjectNode) {
            return changelog(node.inputs().get(0));
        } else if (node instanceof SortNode sort) {
            // a limit passes a changelog on while running continuously; a bounded run limits final rows
            return sort.keys().isEmpty() && continuous() && changelog(sort.input());
        } else if (node instanceof AggregateNode) {
            return continuous();
        } else if (node instanceof WindowAggregateNode window) {
            return window.late().kind() == LatePolicy.Kind.UPDATE;
        } else if (node instanceof UnionAllNode union) {
            return union.inputs().stream().anyMatch(this::changelog);
        } else if (node instanceof TopNNode topN) {
            return continuous() && !topN.appendOnly();
        }
        if (node instanceof HashJoinNode join) { // a regular join retracts unless INNER over append-only inputs
            return regularJoin(join) && StreamingJoinOperator.outputIsChangelog(join.kind(), changelog(join.left()),
                    changelog(join.right()));
        }
        if (node instanceof ScanNode scan) { // a view followed while it changes, a table's changes
            return continuous() && scan.relation().kind() != RelationKind.STREAM;
        }
        return false; // values and the other joins
    }

    /**
     * Whether {@code join} runs as a regular join ({@link StreamingJoinOperator}): in a continuous plan,
     * when an input is a changelog (a table, a view, a GROUP BY) or both inputs are unbounded. Other
     * joins (one unbounded append-only side, one bounded) build a hash table of the bounded side.
     */
    public boolean regularJoin(HashJoinNode join) {
        return continuous() && (changelog(join.left()) || changelog(join.right())
                || readsLog(join.left()) && readsLog(join.right()));
    }

    /** Whether {@code node} is an unbounded append-only input when running continuously (a stream, say). */
    private boolean appendOnlyUnbounded(PhysicalNode node) {
        return readsLog(node) && !changelog(node);
    }

    /** Whether {@code node} reads a topic or view (a scan somewhere below it): unbounded when continuous. */
    private static boolean readsLog(PhysicalNode node) {
        return node instanceof ScanNode || node.inputs().stream().anyMatch(PlanBuilder::readsLog);
    }

    /** What makes {@code node} a changelog, for errors. */
    private String describe(PhysicalNode node) {
        if (node instanceof AggregateNode) {
            return "a GROUP BY without a window";
        }
        if (node instanceof WindowAggregateNode) {
            return "a window aggregate under late = 'update'";
        }
        if (node instanceof TopNNode) {
            return "a Top-N or deduplication without a window";
        }
        if (node instanceof ScanNode scan) {
            return (scan.relation().kind() == RelationKind.TABLE ? "table " : "materialized view ")
                    + scan.relation().name() + ", whose rows change";
        }
        for (PhysicalNode input : node.inputs()) {
            if (changelog(input)) {
                return describe(input);
            }
        }
        return node.getClass().getSimpleName();
    }

    /** The schema of {@code node}'s batches: with the change kind when it is a changelog. */
    private RowSchema batchSchema(PhysicalNode node) {
        return changelog(node) ? Changelog.withOp(node.schema()) : node.schema();
    }

    /** The state of one build: contexts and stages in wiring order. */
    private final class Wiring {
        final BufferAllocator allocator;
        final List<Object> parameters;
        final Clock clock;
        final List<Stage> stages = new ArrayList<>();
        final List<SourceStage> sources = new ArrayList<>();
        int sequence;
        /** Whether the plan has a join that needs its inputs to take turns (an interval or window join). */
        boolean interleave;
        int hashJoins;

        /** Set by {@link Pipeline#cancel}; operators read it through their context. */
        final java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();

        Wiring(BufferAllocator allocator, List<Object> parameters, Clock clock) {
            this.allocator = allocator;
            this.parameters = parameters;
            this.clock = clock;
        }

        OperatorContext context(String name) {
            String id = (sequence++) + ":" + name;
            BufferAllocator a = allocator.newChildAllocator(id, 0, Long.MAX_VALUE);
            return new OperatorContext(a, parameters, clock, new OperatorMetrics(id), cancelled::get);
        }

        void operator(Operator op, Output downstream, PhysicalNode... inputs) {
            operator(op, downstream, true, inputs);
        }

        /**
         * Adds {@code op} and wires its inputs. When it cannot take a changelog, an input that is one
         * is applied first (bounded), or refused (continuous: its final rows never come).
         */
        void operator(Operator op, Output downstream, boolean takesChangelog, PhysicalNode... inputs) {
            OperatorContext ctx = context(op.getClass().getSimpleName());
            stages.add(new Stage(op, ctx, downstream));
            // the last input is wired first: a join's build side (input 1) runs before its probe side
            for (int i = inputs.length - 1; i >= 0; i--) {
                if (!(op instanceof UnionAllOperator)) {
                    Output in = new OperatorInput(op, i);
                    wire(inputs[i], takesChangelog || !changelog(inputs[i]) ? in : applied(inputs[i], in));
                }
            }
            if (op instanceof UnionAllOperator) {
                for (int i = 0; i < inputs.length; i++) {
                    wire(inputs[i], new OperatorInput(op, i));
                }
            }
        }

        /** An output that applies {@code input}'s changelog into {@code into}; refused when continuous. */
        Output applied(PhysicalNode input, Output into) {
            if (continuous()) {
                throw SqlErrors.unsupported("this query reads an updating result (" + describe(input)
                        + ") where only append-only rows can go while it runs continuously; run it as a pull"
                        + " query (without STREAM), or keep the GROUP BY or late = 'update' window last");
            }
            ChangelogApplyOperator apply = new ChangelogApplyOperator(input.schema());
            stages.add(new Stage(apply, context("ChangelogApplyOperator"), into));
            return new OperatorInput(apply, 0);
        }

        void source(BatchSource source, OperatorContext ctx, Output downstream) {
            sources.add(new SourceStage(source, ctx, downstream));
        }

        /** A source read until it has nothing more for now before the others start (see {@link SourceStage}). */
        void leadingSource(BatchSource source, OperatorContext ctx, Output downstream) {
            sources.add(new SourceStage(source, ctx, downstream, true));
        }

        /** Java 17 has no pattern switch: an instanceof chain, with a test that every permitted node is handled. */
        void wire(PhysicalNode node, Output downstream) {
            if (node instanceof ScanNode scan && continuous() && scan.relation().kind() == RelationKind.TABLE) {
                wireTableChanges(scan, downstream);
            } else if (node instanceof ScanNode scan) {
                OperatorContext ctx = context("Scan(" + scan.relation().name() + ")");
                source(scans.create(scan, ctx), ctx, downstream);
            } else if (node instanceof ValuesNode values) {
                source(new ValuesSource(values), context("ValuesSource"), downstream);
            } else if (node instanceof FilterNode filter) {
                FilterOperator op = new FilterOperator(filter.condition(), batchSchema(filter.input()), compiler);
                if (!(filter.input() instanceof ScanNode scan && !continuous() && wireLookup(scan, filter, op, downstream))) {
                    operator(op, downstream, filter.input());
                }
            } else if (node instanceof ProjectNode project) {
                Optional<Expr> condition = Optional.empty();
                PhysicalNode input = project.input();
                if (input instanceof FilterNode filter) {
                    condition = Optional.of(filter.condition());
                    input = filter.input();
                }
                List<Expr> exprs = project.exprs();
                if (changelog(input)) { // the change kind goes along
                    exprs = new ArrayList<>(exprs);
                    exprs.add(new InputRef(input.schema().size(), Changelog.withOp(input.schema()).get(
                            input.schema().size()).type()));
                }
                ProjectOperator op = new ProjectOperator(condition, exprs, batchSchema(input), batchSchema(project),
                        compiler);
                if (!(project.input() instanceof FilterNode filter && input instanceof ScanNode scan && !continuous()
                        && wireLookup(scan, filter, op, downstream))) {
                    operator(op, downstream, input);
                }
            } else if (node instanceof AggregateNode aggregate) {
                operator(HashAggregateOperator.forNode(aggregate, changelog(aggregate.input()), continuous()),
                        downstream, aggregate.input());
            } else if (node instanceof SortNode sort) {
                if (sort.keys().isEmpty()) {
                    operator(new LimitOperator(sort.offset(), sort.fetch(), batchSchema(sort), compiler), downstream,
                            continuous(), sort.input());
                } else {
                    operator(new SortOperator(sort.keys(), sort.offset(), sort.fetch(), sort.schema()), downstream,
                            false, sort.input());
                }
            } else if (node instanceof UnionAllNode union) {
                wireUnion(union, downstream);
            } else if (node instanceof HashJoinNode join && regularJoin(join)) {
                wireRegularJoin(join, downstream);
            } else if (node instanceof HashJoinNode join) {
                hashJoins++;
                operator(HashJoinOperator.forNode(join, compiler), downstream, false, join.left(), join.right());
            } else if (node instanceof WindowJoinNode join) {
                interleave = true;
                operator(new WindowJoinOperator(join, compiler), downstream, false, join.left(), join.right());
            } else if (node instanceof IntervalJoinNode join) {
                interleave = true;
                operator(new IntervalJoinOperator(join, compiler), downstream, false, join.left(), join.right());
            } else if (node instanceof TemporalJoinNode temporal) {
                hashJoins++; // reads the table side first
                wireTemporalJoin(temporal, downstream);
            } else if (node instanceof WindowAggregateNode window) {
                operator(new WindowAggregateOperator(window, lateSinks), downstream, false, window.input());
            } else if (node instanceof WindowTopNNode topN) {
                operator(new WindowTopNOperator(topN, lateSinks), downstream, false, topN.input());
            } else if (node instanceof TopNNode topN) {
                operator(new TopNOperator(topN, continuous()), downstream, false, topN.input());
            } else if (node instanceof MatchNode match) {
                operator(new MatchRecognizeOperator(match, compiler), downstream, false, match.input());
            } else if (node instanceof OverAggregateNode over) {
                operator(new OverAggregateOperator(over, lateSinks), downstream, false, over.input());
            } else {
                throw new IllegalStateException("no operator for " + node.getClass().getSimpleName());
            }
        }

        /**
         * A continuous scan of a TABLE: the topic's upserts and deletes, read with the primary key
         * (added to the scan's columns where the query does not use it), become the table's
         * changelog through a {@link ChangelogNormalizeOperator}, which keeps the current row per key.
         */
        void wireTableChanges(ScanNode scan, Output downstream) {
            RelationDef relation = scan.relation();
            List<Integer> columns = new ArrayList<>(scan.columns());
            List<Column> schema = new ArrayList<>(scan.schema().columns());
            int[] keyAt = new int[relation.primaryKey().size()];
            for (int k = 0; k < keyAt.length; k++) {
                int column = relation.primaryKey().get(k);
                int at = columns.indexOf(column);
                if (at < 0) {
                    columns.add(column);
                    schema.add(relation.columns().get(column));
                    at = columns.size() - 1;
                }
                keyAt[k] = at;
            }
            ScanNode keyed = new ScanNode(relation, columns, new RowSchema(schema), scan.start());
            ChangelogNormalizeOperator normalize = new ChangelogNormalizeOperator(keyed.schema(), keyAt,
                    scan.schema().size());
            stages.add(new Stage(normalize, context("ChangelogNormalizeOperator"), downstream));
            OperatorContext ctx = context("Scan(" + relation.name() + ")");
            source(scans.changes(keyed, ctx), ctx, new OperatorInput(normalize, 0));
        }

        /**
         * A regular join in a continuous plan ({@link StreamingJoinOperator}): both inputs kept, changelogs
         * taken as they come. Refused for two append-only streams without a state TTL (state would keep
         * every row of both) and for SEMI/ANTI joins (IN and EXISTS subqueries), which it does not do.
         */
        void wireRegularJoin(HashJoinNode join, Output downstream) {
            if (appendOnlyUnbounded(join.left()) && appendOnlyUnbounded(join.right()) && stateTtlMillis == 0) {
                throw SqlErrors.unsupported("a join of two streams without time bounds in a continuous query (its"
                        + " state would keep every row of both); bound one side's event time by the other's (an interval"
                        + " join: ON a.k = b.k AND b.ts BETWEEN a.ts - INTERVAL '1' MINUTE AND a.ts + INTERVAL '1'"
                        + " MINUTE), SET 'state.ttl' to drop rows not written for that long, or run it as a pull query"
                        + " (without STREAM)");
            }
            if (join.kind() == HashJoinNode.JoinKind.SEMI || join.kind() == HashJoinNode.JoinKind.ANTI) {
                throw SqlErrors.unsupported("IN and EXISTS subqueries over an unbounded input in a continuous query;"
                        + " write them as a join, or run the query as a pull query (without STREAM)");
            }
            StreamingJoinOperator op = new StreamingJoinOperator(join.kind(), join.leftKeys(), join.rightKeys(),
                    join.condition(), join.left().schema(), join.right().schema(), changelog(join.left()),
                    changelog(join.right()), stateTtlMillis, compiler);
            operator(op, downstream, true, join.left(), join.right());
        }

        /**
         * A temporal join: the table's changes (input 1, read from the start whatever scan.start says)
         * and the probe side taking turns; as of event time, probe rows wait for the watermark; as of
         * PROCTIME() (a lookup join) the table's source leads, so its rows are there before the first probe.
         */
        void wireTemporalJoin(TemporalJoinNode temporal, Output downstream) {
            TemporalJoinOperator op = new TemporalJoinOperator(temporal, compiler);
            stages.add(new Stage(op, context("TemporalJoinOperator"), downstream));
            ScanNode table = temporal.right();
            // the table's versions are the join's state: they are read from the start whatever scan.start says
            table = new ScanNode(table.relation(), table.columns(), table.schema(),
                    java.util.Optional.of(dev.runnel.planner.ddl.ScanStart.EARLIEST));
            OperatorContext ctx = context("Scan(" + table.relation().name() + ")");
            if (temporal.processingTime()) { // the current rows are there before the first lookup
                leadingSource(scans.changes(table, ctx), ctx, new OperatorInput(op, 1));
            } else {
                source(scans.changes(table, ctx), ctx, new OperatorInput(op, 1));
            }
            PhysicalNode probe = temporal.left();
            Output in = new OperatorInput(op, 0);
            wire(probe, changelog(probe) ? applied(probe, in) : in);
        }

        /**
         * A UNION ALL: when some inputs are changelogs, the others join as changelogs of inserts
         * (a constant +I change kind projected on).
         */
        void wireUnion(UnionAllNode union, Output downstream) {
            boolean changelog = changelog(union);
            UnionAllOperator op = new UnionAllOperator(union.inputs().size(), batchSchema(union), compiler);
            stages.add(new Stage(op, context(op.getClass().getSimpleName()), downstream));
            for (int i = 0; i < union.inputs().size(); i++) {
                PhysicalNode input = union.inputs().get(i);
                Output in = new OperatorInput(op, i);
                if (changelog && !changelog(input)) {
                    List<Expr> exprs = new ArrayList<>(ProjectingEmitter.identity(input.schema()));
                    RowSchema withOp = Changelog.withOp(input.schema());
                    exprs.add(new Literal(Changelog.INSERT, withOp.get(input.schema().size()).type()));
                    ProjectOperator inserts = new ProjectOperator(Optional.empty(), exprs, input.schema(), withOp,
                            compiler);
                    stages.add(new Stage(inserts, context("ProjectOperator"), in));
                    in = new OperatorInput(inserts, 0);
                }
                wire(input, in);
            }
        }

        /**
         * A filter that pins every key column of the relation it scans to constants reads those keys
         * only, when the relation can look them up (a materialized view): a point lookup, no scan.
         */
        boolean wireLookup(ScanNode scan, FilterNode filter, Operator op, Output downstream) {
            Optional<List<List<Object>>> keys = KeyLookups.keys(scan, filter.condition(), parameters);
            if (keys.isEmpty()) {
                return false;
            }
            OperatorContext ctx = context("Lookup(" + scan.relation().name() + ")");
            Optional<BatchSource> lookup = scans.lookup(scan, scan.relation().primaryKey(), keys.get(), ctx);
            if (lookup.isEmpty()) {
                ctx.allocator().close();
                return false;
            }
            stages.add(new Stage(op, context(op.getClass().getSimpleName()), downstream));
            source(lookup.get(), ctx, new OperatorInput(op, 0));
            return true;
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
