package dev.runnel.planner.physical;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The row pattern of a {@code MATCH_RECOGNIZE} ({@link MatchNode}): a regular expression over
 * pattern variables, which are numbered by their place in {@link MatchNode#variables()}. Immutable.
 */
public sealed interface MatchPattern {
    /** The text of the pattern, with variable names from {@code names}. */
    String describe(List<String> names);

    /** One row mapped to variable {@code variable}. */
    record Var(int variable) implements MatchPattern {
        public Var {
            if (variable < 0) {
                throw new IllegalArgumentException("variable index must be >= 0");
            }
        }

        @Override
        public String describe(List<String> names) {
            return names.get(variable);
        }
    }

    /** The parts one after the other. */
    record Concat(List<MatchPattern> parts) implements MatchPattern {
        public Concat {
            parts = List.copyOf(parts);
            if (parts.size() < 2) {
                throw new IllegalArgumentException("a concatenation has at least two parts");
            }
        }

        @Override
        public String describe(List<String> names) {
            return parts.stream().map(p -> p instanceof Alt ? "(" + p.describe(names) + ")" : p.describe(names))
                    .collect(Collectors.joining(" "));
        }
    }

    /** One of the alternatives, the first preferred. */
    record Alt(List<MatchPattern> alternatives) implements MatchPattern {
        public Alt {
            alternatives = List.copyOf(alternatives);
            if (alternatives.size() < 2) {
                throw new IllegalArgumentException("an alternation has at least two alternatives");
            }
        }

        @Override
        public String describe(List<String> names) {
            return alternatives.stream().map(p -> p.describe(names)).collect(Collectors.joining(" | "));
        }
    }

    /**
     * {@code body} repeated {@code min..max} times ({@code max} -1: no upper bound). Greedy
     * repetitions prefer one more round, reluctant ones ({@code *?}, {@code +?}, ...) one fewer.
     */
    record Repeat(MatchPattern body, int min, int max, boolean greedy) implements MatchPattern {
        /** The most rounds a bounded quantifier may ask for ({@code {n,m}} is expanded into copies). */
        public static final int MAX_BOUND = 100;

        public Repeat {
            if (min < 0 || (max != -1 && max < Math.max(min, 1)) || min > MAX_BOUND || max > MAX_BOUND) {
                throw new IllegalArgumentException("bad repetition {" + min + "," + max + "}");
            }
        }

        @Override
        public String describe(List<String> names) {
            String b = body instanceof Var ? body.describe(names) : "(" + body.describe(names) + ")";
            String q;
            if (min == 0 && max == -1) {
                q = "*";
            } else if (min == 1 && max == -1) {
                q = "+";
            } else if (min == 0 && max == 1) {
                q = "?";
            } else if (min == max) {
                q = "{" + min + "}";
            } else {
                q = "{" + min + "," + (max == -1 ? "" : max) + "}";
            }
            return b + q + (greedy ? "" : "?");
        }
    }
}
