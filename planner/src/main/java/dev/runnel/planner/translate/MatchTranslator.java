package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.TypeMapping;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.ddl.LateOptions;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.MatchNode;
import dev.runnel.planner.physical.MatchPattern;
import dev.runnel.planner.physical.MatchRef;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.SortNode.SortKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Match;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPatternFieldRef;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMatchRecognize;

/**
 * Translates Calcite's {@code Match} (MATCH_RECOGNIZE) into a {@link MatchNode}: the pattern into
 * {@link MatchPattern} records, and DEFINE conditions and MEASURES into expressions over the node's
 * virtual row, where every navigation ({@code PREV}, {@code FIRST}, {@code LAST}, {@code A.price})
 * and aggregate over a variable's rows becomes a {@link MatchRef} column. The checks that need the
 * query's positions ran in the validator ({@code MatchChecks}); what is left here is refused
 * without one. Stateless.
 */
final class MatchTranslator {
    private MatchTranslator() {}

    static PhysicalNode translate(Match match, PhysicalTranslator t) {
        WindowInputs.WithWatermark w = WindowInputs.withWatermark(match.getInput());
        // the node's input: only the fields the partition, order, conditions and measures read, and _watermark
        ImmutableBitSet.Builder usedBits = ImmutableBitSet.builder().addAll(match.getPartitionKeys()).set(w.watermark());
        int inputFields = match.getInput().getRowType().getFieldCount();
        if (match.isAllRows()) { // every input column is an output column
            usedBits.set(0, inputFields);
        }
        match.getOrderKeys().getFieldCollations().forEach(c -> usedBits.set(c.getFieldIndex()));
        RexShuttle finder = new RexShuttle() {
            @Override
            public RexNode visitPatternFieldRef(RexPatternFieldRef ref) {
                usedBits.set(ref.getIndex());
                return ref;
            }
        };
        match.getPatternDefinitions().values().forEach(e -> e.accept(finder));
        match.getMeasures().values().forEach(e -> e.accept(finder));
        List<Integer> fields = usedBits.build().asList();
        List<RexNode> refs0 = new ArrayList<>();
        for (int f : fields) {
            refs0.add(RexInputRef.of(f, w.rel().getRowType()));
        }
        List<String> names = w.rel().getRowType().getFieldNames();
        RelNode trimmed = RelFactories.LOGICAL_BUILDER.create(match.getCluster(), null).push(w.rel())
                .project(refs0, fields.stream().map(names::get).toList(), true).build();
        PhysicalNode input = t.translate(trimmed);
        IntUnaryOperator at = fields::indexOf;
        int width = input.schema().size();

        List<SortKey> order = new ArrayList<>();
        for (RelFieldCollation c : match.getOrderKeys().getFieldCollations()) {
            boolean descending = c.getDirection().isDescending();
            // unspecified: NULL below every value (the validator's NullCollation.LOW, as Flink)
            order.add(new SortKey(at.applyAsInt(c.getFieldIndex()), descending,
                    c.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED ? !descending
                            : c.nullDirection == RelFieldCollation.NullDirection.FIRST));
        }
        WindowInputs.Origin origin = WindowInputs.origin(match.getInput(), match.getOrderKeys().getFieldCollations()
                .get(0).getFieldIndex());
        if (origin == null) {
            throw Unsupported.of("MATCH_RECOGNIZE over a computed time attribute");
        }
        if (origin.relation().kind() != dev.runnel.planner.catalog.RelationKind.STREAM) {
            throw Unsupported.of("MATCH_RECOGNIZE over " + origin.relation().kind().name().toLowerCase().replace('_', ' ')
                    + " " + origin.relation().name() + " (its rows change; MATCH_RECOGNIZE reads streams)");
        }
        LatePolicy late = LateOptions.policy(origin.relation());
        if (late.kind() != LatePolicy.Kind.DROP) {
            throw Unsupported.of("MATCH_RECOGNIZE over a stream with late = '" + late.kind().name().toLowerCase()
                    + "' (its late rows are dropped and counted; late = 'drop')");
        }

        List<String> variables = new ArrayList<>();
        MatchPattern pattern = pattern(match.getPattern(), variables);
        Refs refs = new Refs(variables, width, t, at, match.isAllRows());
        List<Optional<Expr>> defines = new ArrayList<>();
        for (int v = 0; v < variables.size(); v++) {
            RexNode def = match.getPatternDefinitions().get(variables.get(v));
            defines.add(def == null ? Optional.empty() : Optional.of(refs.translate(def, v)));
        }
        List<Expr> outputs = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        List<RelDataTypeField> outFields = match.getRowType().getFieldList();
        int k = 0;
        java.util.LinkedHashSet<Integer> passed = new java.util.LinkedHashSet<>(match.getPartitionKeys().asList());
        if (match.isAllRows()) { // Calcite's row: partition keys, order keys, the other input columns, measures
            match.getOrderKeys().getFieldCollations().forEach(c -> passed.add(c.getFieldIndex()));
            for (int f = 0; f < inputFields; f++) {
                passed.add(f);
            }
        }
        for (int original : passed) {
            int key = at.applyAsInt(original);
            outputs.add(new InputRef(key, input.schema().get(key).type()));
            columns.add(new Column(outFields.get(k++).getName(), input.schema().get(key).type()));
        }
        for (Map.Entry<String, RexNode> m : match.getMeasures().entrySet()) {
            Expr e = refs.translate(m.getValue(), -1);
            RelDataTypeField f = outFields.get(k++);
            columns.add(new Column(f.getName(), TypeMapping.toDataType(f.getType())));
            outputs.add(e);
        }

        MatchNode.Skip skip;
        int skipVariable = -1;
        RexNode after = match.getAfter();
        if (after instanceof RexCall call) {
            skip = call.getKind() == SqlKind.SKIP_TO_FIRST ? MatchNode.Skip.TO_FIRST : MatchNode.Skip.TO_LAST;
            skipVariable = variables.indexOf(((RexLiteral) call.getOperands().get(0)).getValueAs(String.class));
        } else {
            Object option = ((RexLiteral) after).getValue();
            skip = option == SqlMatchRecognize.AfterOption.SKIP_TO_NEXT_ROW ? MatchNode.Skip.TO_NEXT_ROW
                    : MatchNode.Skip.PAST_LAST_ROW;
        }
        long within = -1;
        if (match.getInterval() instanceof RexLiteral lit) {
            within = lit.getValueAs(BigDecimal.class).longValueExact();
            if (within <= 0) {
                throw Unsupported.of("MATCH_RECOGNIZE WITHIN an interval that is not positive");
            }
        }
        return new MatchNode(input, match.getPartitionKeys().asList().stream().map(at::applyAsInt).toList(), order,
                pattern, variables, defines, refs.list, outputs, passed.size(), match.isAllRows(), skip, skipVariable, within,
                at.applyAsInt(w.watermark()),
                new RowSchema(columns));
    }

    /** The pattern, numbering variables by first appearance. */
    private static MatchPattern pattern(RexNode node, List<String> variables) {
        if (node instanceof RexLiteral lit) {
            String name = lit.getValueAs(String.class);
            if (!variables.contains(name)) {
                variables.add(name);
            }
            return new MatchPattern.Var(variables.indexOf(name));
        }
        RexCall call = (RexCall) node;
        switch (call.getKind()) {
            case PATTERN_CONCAT, PATTERN_ALTER -> {
                List<MatchPattern> parts = new ArrayList<>();
                flatten(call, call.getKind(), variables, parts);
                return call.getKind() == SqlKind.PATTERN_CONCAT ? new MatchPattern.Concat(parts)
                        : new MatchPattern.Alt(parts);
            }
            case PATTERN_QUANTIFIER -> {
                List<RexNode> ops = call.getOperands();
                int min = ((RexLiteral) ops.get(1)).getValueAs(Integer.class);
                int max = ((RexLiteral) ops.get(2)).getValueAs(Integer.class);
                boolean reluctant = Boolean.TRUE.equals(((RexLiteral) ops.get(3)).getValueAs(Boolean.class));
                if (min > MatchPattern.Repeat.MAX_BOUND || max > MatchPattern.Repeat.MAX_BOUND) {
                    throw Unsupported.of("a MATCH_RECOGNIZE quantifier bound above " + MatchPattern.Repeat.MAX_BOUND);
                }
                if (max == 0) {
                    throw Unsupported.of("a MATCH_RECOGNIZE quantifier {0}");
                }
                return new MatchPattern.Repeat(pattern(ops.get(0), variables), min, max, !reluctant);
            }
            default -> throw Unsupported.of("the MATCH_RECOGNIZE pattern element " + call.getKind());
        }
    }

    private static void flatten(RexNode node, SqlKind kind, List<String> variables, List<MatchPattern> out) {
        if (node instanceof RexCall call && call.getKind() == kind) {
            for (RexNode o : call.getOperands()) {
                flatten(o, kind, variables, out);
            }
        } else {
            out.add(pattern(node, variables));
        }
    }

    /** The refs found so far, and the translation of expressions that read them. */
    private static final class Refs {
        final List<String> variables;
        final int width;
        final PhysicalTranslator t;
        final IntUnaryOperator at;
        final boolean allRows;
        final Map<MatchRef, Integer> index = new LinkedHashMap<>();
        final List<MatchRef> list = new ArrayList<>();
        /** Inside FINAL(...) of ALL ROWS PER MATCH: refs are over the whole match. */
        boolean inFinal;

        Refs(List<String> variables, int width, PhysicalTranslator t, IntUnaryOperator at, boolean allRows) {
            this.variables = variables;
            this.width = width;
            this.t = t;
            this.at = at;
            this.allRows = allRows;
        }

        /** {@code e} over the virtual row; {@code defining} is the variable of a DEFINE, -1 in a measure. */
        Expr translate(RexNode e, int defining) {
            RexNode replaced = e.accept(new RexShuttle() {
                @Override
                public RexNode visitPatternFieldRef(RexPatternFieldRef p) {
                    return nav(p, false, 0, 0, defining, p);
                }

                @Override
                public RexNode visitCall(RexCall call) {
                    switch (call.getKind()) {
                        case RUNNING:
                            return call.getOperands().get(0).accept(this);
                        case FINAL: {
                            boolean outer = inFinal;
                            inFinal = allRows;
                            RexNode inner = call.getOperands().get(0).accept(this);
                            inFinal = outer;
                            return inner;
                        }
                        case PREV, NEXT: {
                            int offset = offset(call);
                            RexNode inner = call.getOperands().get(0);
                            int physical = call.getKind() == SqlKind.PREV ? -offset : offset;
                            if (inner instanceof RexPatternFieldRef p) {
                                return nav(p, false, 0, physical, defining, call);
                            }
                            if (inner instanceof RexCall nav && (nav.getKind() == SqlKind.FIRST
                                    || nav.getKind() == SqlKind.LAST)
                                    && nav.getOperands().get(0) instanceof RexPatternFieldRef p) {
                                return nav(p, nav.getKind() == SqlKind.FIRST, offset(nav), physical, defining, call);
                            }
                            throw Unsupported.of(call.getKind() + " over an expression (navigate a column: PREV(A.price))");
                        }
                        case FIRST, LAST: {
                            if (call.getOperands().get(0) instanceof RexPatternFieldRef p) {
                                return nav(p, call.getKind() == SqlKind.FIRST, offset(call), 0, defining, call);
                            }
                            throw Unsupported.of(call.getKind() + " over an expression (navigate a column: LAST(A.price))");
                        }
                        case SUM, SUM0, COUNT, MIN, MAX:
                            return aggregate(call);
                        case CLASSIFIER:
                            return ref(new MatchRef.Classifier(TypeMapping.toDataType(call.getType())), call);
                        case MATCH_NUMBER:
                            if (defining >= 0) {
                                throw Unsupported.of("MATCH_NUMBER() in DEFINE");
                            }
                            return ref(new MatchRef.MatchNumber(TypeMapping.toDataType(call.getType())), call);
                        default:
                            if (call.getOperator().isAggregator()) {
                                throw Unsupported.of("the aggregate " + call.getOperator().getName()
                                        + " in MATCH_RECOGNIZE (SUM, COUNT, MIN, MAX and AVG are supported)");
                            }
                            return super.visitCall(call);
                    }
                }

                private RexNode aggregate(RexCall call) {
                    MatchRef.AggKind kind = switch (call.getKind()) {
                        case SUM, SUM0 -> MatchRef.AggKind.SUM;
                        case COUNT -> MatchRef.AggKind.COUNT;
                        case MIN -> MatchRef.AggKind.MIN;
                        default -> MatchRef.AggKind.MAX;
                    };
                    if (call.getOperands().isEmpty()) {
                        return ref(new MatchRef.Agg(kind, -1, -1, TypeMapping.toDataType(call.getType())), call);
                    }
                    if (call.getOperands().size() != 1 || !(call.getOperands().get(0) instanceof RexPatternFieldRef p)) {
                        throw Unsupported.of("an aggregate over an expression in MATCH_RECOGNIZE (aggregate a column:"
                                + " SUM(A.price))");
                    }
                    return ref(new MatchRef.Agg(kind, variable(p), at.applyAsInt(p.getIndex()),
                            TypeMapping.toDataType(call.getType())),
                            call);
                }
            });
            return t.rex().translate(replaced);
        }

        private int variable(RexPatternFieldRef p) {
            return variables.indexOf(p.getAlpha()); // anything else is the universal variable (every row)
        }

        /** A navigation; the row being matched, as the defined variable or any, is the input column itself. */
        private RexNode nav(RexPatternFieldRef p, boolean first, int logical, int physical, int defining, RexNode node) {
            int v = variable(p);
            boolean current = !first && logical == 0 && physical == 0 && (v == -1 || (defining >= 0 && v == defining))
                    && !inFinal;
            if (current) {
                return new RexInputRef(at.applyAsInt(p.getIndex()), p.getType());
            }
            return ref(new MatchRef.Nav(v, first, logical, physical, at.applyAsInt(p.getIndex()),
                    TypeMapping.toDataType(node.getType())), node);
        }

        private RexNode ref(MatchRef ref, RexNode at) {
            MatchRef r = inFinal ? new MatchRef.Final(ref) : ref;
            Integer i = index.get(r);
            if (i == null) {
                i = list.size();
                index.put(r, i);
                list.add(r);
            }
            return new RexInputRef(width + i, at.getType());
        }

        private static int offset(RexCall call) {
            if (call.getOperands().size() < 2) {
                return call.getKind() == SqlKind.PREV || call.getKind() == SqlKind.NEXT ? 1 : 0;
            }
            if (!(call.getOperands().get(1) instanceof RexLiteral lit)) {
                throw Unsupported.of("a navigation offset that is not a constant");
            }
            int o = lit.getValueAs(Integer.class);
            if (o < 0) {
                throw Unsupported.of("a negative navigation offset");
            }
            return o;
        }
    }
}
