package dev.runnel.planner.physical;

import dev.runnel.sql.type.DataType;
import java.util.List;

/**
 * A value a {@code MATCH_RECOGNIZE} condition or measure reads from the rows of a (partial) match
 * ({@link MatchNode}): it is a column of the virtual row the node's expressions are over, after
 * the input columns. {@code variable} is an index into {@link MatchNode#variables()}, or -1 for
 * every row of the match. Immutable.
 */
public sealed interface MatchRef {
    DataType type();

    /** How EXPLAIN names it, with variable names from {@code variables} and input column names from {@code input}. */
    String describe(List<String> variables, RowSchema input);

    private static String var(int variable, List<String> variables) {
        return variable < 0 ? "" : variables.get(variable) + ".";
    }

    /**
     * Column {@code column} of a row found by navigation: the {@code logicalOffset}-th row mapped to
     * {@code variable} counted from the last ({@code fromFirst} false, {@code LAST(B.x, n)}) or the
     * first ({@code FIRST(B.x, n)}), then {@code physicalOffset} rows further in the partition's order
     * (negative: {@code PREV}), staying within the match. NULL where there is no such row.
     */
    record Nav(int variable, boolean fromFirst, int logicalOffset, int physicalOffset, int column, DataType type)
            implements MatchRef {
        public Nav {
            if (logicalOffset < 0 || column < 0 || variable < -1) {
                throw new IllegalArgumentException("bad navigation");
            }
        }

        @Override
        public String describe(List<String> variables, RowSchema input) {
            String ref = var(variable, variables) + input.get(column).name();
            String nav = (fromFirst ? "FIRST(" : "LAST(") + ref + (logicalOffset == 0 ? "" : ", " + logicalOffset) + ")";
            if (!fromFirst && logicalOffset == 0 && physicalOffset != 0) {
                nav = ref;
            }
            return physicalOffset == 0 ? nav : physicalOffset < 0 ? "PREV(" + nav + ", " + -physicalOffset + ")"
                    : "NEXT(" + nav + ", " + physicalOffset + ")";
        }
    }

    /** What an aggregate over a variable's rows computes. */
    enum AggKind { SUM, COUNT, MIN, MAX }

    /** {@code kind} over column {@code column} ({@code -1}: {@code COUNT(*)}) of the rows mapped to {@code variable}. */
    record Agg(AggKind kind, int variable, int column, DataType type) implements MatchRef {
        public Agg {
            if (column < -1 || variable < -1 || (column < 0 && kind != AggKind.COUNT)) {
                throw new IllegalArgumentException("bad aggregate");
            }
        }

        @Override
        public String describe(List<String> variables, RowSchema input) {
            String arg = column < 0 ? (variable < 0 ? "*" : variables.get(variable) + ".*")
                    : var(variable, variables) + input.get(column).name();
            return kind + "(" + arg + ")";
        }
    }

    /**
     * {@code FINAL} in a measure of ALL ROWS PER MATCH: {@code inner} over the whole match, where
     * other refs of an output row are over the match up to that row (RUNNING).
     */
    record Final(MatchRef inner) implements MatchRef {
        @Override
        public DataType type() {
            return inner.type();
        }

        @Override
        public String describe(List<String> variables, RowSchema input) {
            return "FINAL " + inner.describe(variables, input);
        }
    }

    /** {@code CLASSIFIER()}: the variable the row is mapped to (the last row of the match in a measure). */
    record Classifier(DataType type) implements MatchRef {
        @Override
        public String describe(List<String> variables, RowSchema input) {
            return "CLASSIFIER()";
        }
    }

    /** {@code MATCH_NUMBER()}: the match's number within its partition, from 1. */
    record MatchNumber(DataType type) implements MatchRef {
        @Override
        public String describe(List<String> variables, RowSchema input) {
            return "MATCH_NUMBER()";
        }
    }
}
