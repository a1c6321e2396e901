package dev.runnel.planner.calcite;

import dev.runnel.planner.error.DidYouMean;
import dev.runnel.planner.error.PositionedQueryError;
import dev.runnel.planner.error.SqlState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlMatchRecognize;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidatorImpl;

/**
 * Runnel's checks of a {@code MATCH_RECOGNIZE} clause, run by the validator with the positions of
 * the query text: ORDER BY starts with the input's event-time attribute, ascending; every pattern
 * variable named in DEFINE, MEASURES and AFTER MATCH SKIP is in the PATTERN; what Runnel does not
 * run (SUBSET, {@code ^}/{@code $} anchors, PERMUTE, exclusions, NEXT, a greedy
 * quantifier ending the pattern, skipping to the first row of the match) is refused. Stateless.
 */
final class MatchChecks {
    private MatchChecks() {}

    /** The checks of the clauses as written (before the validator qualifies column names). */
    static void checkClauses(SqlMatchRecognize mr) {
        Set<String> variables = new LinkedHashSet<>();
        collectVariables(mr.getPattern(), variables);
        checkPattern(mr.getPattern());
        if (mr.getSubsetList() != null && !mr.getSubsetList().isEmpty()) {
            throw new PositionedQueryError(SqlState.NOT_SUPPORTED, "SUBSET in MATCH_RECOGNIZE is not supported yet",
                    mr.getSubsetList().get(0).getParserPosition());
        }
        if (isTrue(mr.getStrictStart()) || isTrue(mr.getStrictEnd())) {
            throw new PositionedQueryError(SqlState.NOT_SUPPORTED, "the pattern anchors ^ and $ in MATCH_RECOGNIZE"
                    + " are not supported yet (a stream has no last row)", mr.getPattern().getParserPosition());
        }
        for (SqlNode def : mr.getPatternDefList()) {
            SqlCall as = (SqlCall) def;
            SqlIdentifier name = as.operand(1);
            if (!variables.contains(name.getSimple())) {
                throw unknownVariable(name.getSimple(), "DEFINE", variables, name.getParserPosition());
            }
            checkReferences(as.operand(0), variables, "DEFINE");
        }
        for (SqlNode measure : mr.getMeasureList()) {
            checkReferences(((SqlCall) measure).operand(0), variables, "MEASURES");
        }
        checkSkip(mr, variables);
    }

    private static boolean isTrue(SqlLiteral l) {
        return l != null && Boolean.TRUE.equals(l.getValue());
    }

    /** ORDER BY starts with the event-time attribute (after validation, so the input's columns are known). */
    static void checkOrder(SqlValidatorImpl v, SqlMatchRecognize mr) {
        SqlNodeList order = mr.getOrderList();
        String need = "MATCH_RECOGNIZE needs ORDER BY the input's event-time attribute (its WATERMARK FOR column),"
                + " ascending, before any other order key";
        if (order == null || order.isEmpty()) {
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, need, mr.getParserPosition());
        }
        SqlNode first = order.get(0);
        if (first.getKind() == SqlKind.DESCENDING) {
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, need + ", not descending", first.getParserPosition());
        }
        if (first instanceof SqlCall c && (c.getKind() == SqlKind.NULLS_FIRST || c.getKind() == SqlKind.NULLS_LAST)) {
            first = c.operand(0);
        }
        if (!(first instanceof SqlIdentifier id)) {
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, need + ", not an expression", first.getParserPosition());
        }
        String column = id.names.get(id.names.size() - 1);
        TimeAttributes.Origin origin = TimeAttributes.of(v, v.getNamespace(mr.getTableRef()), column);
        if (origin.kind() != TimeAttributes.Kind.EVENT_TIME) {
            String what = switch (origin.kind()) {
                case PROCESSING_TIME -> "a processing-time attribute (PROCTIME())";
                case WINDOW -> "a window column";
                default -> "not a time attribute";
            };
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, need + "; '" + column + "' is " + what,
                    first.getParserPosition());
        }
    }

    private static void collectVariables(SqlNode pattern, Set<String> out) {
        if (pattern instanceof SqlIdentifier id) {
            out.add(id.getSimple());
        } else if (pattern instanceof SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                if (operand != null && !(operand instanceof SqlLiteral)) {
                    collectVariables(operand, out);
                }
            }
        }
    }

    /** PERMUTE and exclusions are refused; a greedy quantifier may not end the pattern (as in Flink). */
    private static void checkPattern(SqlNode pattern) {
        pattern.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.PATTERN_PERMUTE) {
                    throw new PositionedQueryError(SqlState.NOT_SUPPORTED, "PERMUTE in a MATCH_RECOGNIZE pattern is"
                            + " not supported yet", call.getParserPosition());
                }
                if (call.getKind() == SqlKind.PATTERN_EXCLUDED) {
                    throw new PositionedQueryError(SqlState.NOT_SUPPORTED, "{- ... -} exclusions in a MATCH_RECOGNIZE"
                            + " pattern are not supported yet", call.getParserPosition());
                }
                return super.visit(call);
            }
        });
        SqlNode last = lastElement(pattern);
        if (last instanceof SqlCall q && q.getKind() == SqlKind.PATTERN_QUANTIFIER) {
            boolean reluctant = Boolean.TRUE.equals(((SqlLiteral) q.operand(3)).getValue());
            Number min = (Number) ((SqlLiteral) q.operand(1)).getValue();
            Number max = (Number) ((SqlLiteral) q.operand(2)).getValue();
            if (!reluctant && min.intValue() != max.intValue()) {
                throw new PositionedQueryError(SqlState.NOT_SUPPORTED, "a greedy quantifier at the end of a"
                        + " MATCH_RECOGNIZE pattern is not supported (the match could always take one more row): make it"
                        + " reluctant (*?, +?, ??) or end the pattern with a variable that stops it", q.getParserPosition());
            }
        }
    }

    /** The element a pattern ends with (through concatenations; an alternation or group as a whole). */
    private static SqlNode lastElement(SqlNode pattern) {
        if (pattern instanceof SqlCall call && call.getKind() == SqlKind.PATTERN_CONCAT) {
            return lastElement(call.getOperandList().get(call.getOperandList().size() - 1));
        }
        return pattern;
    }

    /** Qualified column references and navigation name only pattern variables; NEXT is refused. */
    private static void checkReferences(SqlNode expr, Set<String> variables, String clause) {
        expr.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                if (id.names.size() == 2 && !variables.contains(id.names.get(0))) {
                    throw unknownVariable(id.names.get(0), clause, variables, id.getParserPosition());
                }
                return null;
            }

            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.NEXT) {
                    throw new PositionedQueryError(SqlState.NOT_SUPPORTED, "NEXT in " + clause + " is not supported"
                            + " (a row is matched before the rows after it arrive): use PREV", call.getParserPosition());
                }
                return super.visit(call);
            }
        });
    }

    private static void checkSkip(SqlMatchRecognize mr, Set<String> variables) {
        if (!(mr.getAfter() instanceof SqlBasicCall skip)) {
            return;
        }
        SqlIdentifier target = skip.operand(0);
        if (!variables.contains(target.getSimple())) {
            throw unknownVariable(target.getSimple(), "AFTER MATCH SKIP", variables, target.getParserPosition());
        }
        SqlNode first = firstElement(mr.getPattern());
        if (first instanceof SqlIdentifier id && id.getSimple().equals(target.getSimple())) {
            String to = skip.getOperator() == SqlMatchRecognize.SKIP_TO_FIRST ? "FIRST " : "LAST ";
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, "AFTER MATCH SKIP TO " + to + id.getSimple()
                    + " would find the same match again: " + id.getSimple() + " is the first row of every match",
                    skip.getParserPosition());
        }
    }

    private static SqlNode firstElement(SqlNode pattern) {
        if (pattern instanceof SqlCall call && call.getKind() == SqlKind.PATTERN_CONCAT) {
            return firstElement(call.getOperandList().get(0));
        }
        return pattern;
    }

    private static PositionedQueryError unknownVariable(String name, String clause, Set<String> variables,
            SqlParserPos pos) {
        List<String> known = new ArrayList<>(variables);
        return new PositionedQueryError(SqlState.SYNTAX_OR_RULE, "unknown pattern variable '" + name + "' in " + clause
                + (name.length() > 2 ? DidYouMean.suffix(name, known) : "") + " (the PATTERN has " + String.join(", ", known) + ")", pos);
    }
}
