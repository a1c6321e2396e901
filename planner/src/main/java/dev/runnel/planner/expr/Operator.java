package dev.runnel.planner.expr;

/**
 * Scalar operators and functions. Semantics are SQL's: NULL in, NULL out, unless noted; AND/OR
 * use three-valued logic. Operands that are flags are {@link Literal}s, as listed.
 */
public enum Operator {
    // arithmetic (numeric operands already cast to the result type by the planner; a DECIMAL operand
    // may have a smaller precision, never another scale; date/time arithmetic keeps its operand
    // types: TIMESTAMP/DATE +- INTERVAL_DAY_TIME or INTERVAL_YEAR_MONTH)
    PLUS, MINUS, TIMES, DIVIDE, MOD, NEGATE, ABS,
    // comparison (numeric operands cast to one type by the planner; two DECIMALs may still differ
    // in precision, never in scale)
    EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
    IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM,
    // logic (never NULL for the IS_ forms)
    AND, OR, NOT, IS_NULL, IS_NOT_NULL, IS_TRUE, IS_FALSE, IS_NOT_TRUE, IS_NOT_FALSE,
    /** {@code CASE WHEN c1 THEN v1 ... ELSE e END}: operands c1, v1, c2, v2, ..., e. */
    CASE,
    /** Cast operand 0 to the call's type. Failures are data errors (SQLSTATE 22000). */
    CAST,
    COALESCE, NULLIF,
    // strings
    /** operand 0 LIKE operand 1 [ESCAPE operand 2]. */
    LIKE,
    /** SUBSTRING(s FROM start [FOR length]), 1-based. */
    SUBSTRING,
    UPPER, LOWER, CHAR_LENGTH,
    /** TRIM(side, chars, s): operand 0 is a VARCHAR literal BOTH|LEADING|TRAILING. */
    TRIM,
    /** {@code ||}. */
    CONCAT,
    /** SPLIT_INDEX(s, delimiter, index): the index-th (0-based) piece, NULL if out of range. */
    SPLIT_INDEX,
    /** REGEXP_EXTRACT(s, regex [, group]): Java regex, group 1 by default... group 0 if the regex has none. */
    REGEXP_EXTRACT,
    /** POSITION(sub IN s), 1-based, 0 if absent. */
    POSITION,
    /**
     * REPLACE(s, search, replacement): every occurrence of search, left to right, replaced (Java's
     * and Flink's rule: an empty search puts the replacement before every character and at the end).
     */
    REPLACE,
    /**
     * CONTAINS_TOKEN(text, word): TRUE when {@code word} equals one of the tokens of {@code text}
     * ignoring case; a token is a maximal run of letters and digits ({@code Character.isLetterOrDigit}),
     * compared after {@code Character.toLowerCase} per code point. A word that is not one token
     * (empty, or with other characters) is in no text.
     */
    CONTAINS_TOKEN,
    // time
    /** EXTRACT(unit FROM t): operand 0 is a VARCHAR literal YEAR|QUARTER|MONTH|WEEK|DAY|DOY|DOW|HOUR|MINUTE|SECOND|MILLISECOND|EPOCH. */
    EXTRACT,
    /** FLOOR(t TO unit): operand 1 is the unit literal. */
    FLOOR_TIME,
    /** CEIL(t TO unit): operand 1 is the unit literal. */
    CEIL_TIME,
    /** DATE_FORMAT(t, pattern): Java DateTimeFormatter pattern (Flink's semantics). */
    DATE_FORMAT,
    /** Processing time now, as TIMESTAMP(3). */
    CURRENT_TIMESTAMP,
    // numeric functions
    FLOOR, CEIL, ROUND, POWER, SQRT, LN, LOG10, EXP
}
