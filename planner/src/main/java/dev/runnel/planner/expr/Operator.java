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
    /** REGEXP_EXTRACT(s, regex [, group]): Java regex, group 0 (the whole match) by default, as Flink. */
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
    // Flink's string functions (see docs/sql.md for each one's NULLs and edge cases, checked against Flink)
    /** CONCAT_WS(sep, s1, ...): NULL only when sep is; NULL strings are skipped. */
    CONCAT_WS,
    /** LPAD(s, n, pad) / RPAD: to n characters, cut when longer; NULL when n &lt; 0 or pad is empty. */
    LPAD, RPAD,
    /** REGEXP_REPLACE(s, regex, replacement): the replacement is literal text; NULL for a bad regex. */
    REGEXP_REPLACE,
    /** REGEXP(s, regex): whether the regex matches part of s; FALSE for an empty or bad regex. */
    REGEXP,
    /** INITCAP(s): runs of ASCII letters and digits start upper case and continue lower case. */
    INITCAP,
    /** LEFT(s, n) / RIGHT(s, n): the first / last n characters, '' when n &lt;= 0. */
    LEFT, RIGHT,
    REVERSE,
    /** REPEAT(s, n): s n times, '' when n &lt;= 0. */
    REPEAT,
    /** LOCATE(sub, s [, from]): 1-based position of sub in s at or after from, 0 if absent. */
    LOCATE,
    /** ASCII(s): the first UTF-8 byte of s as a signed byte, 0 for ''. */
    ASCII,
    /** CHR(n): the character n mod 256, '' when n &lt; 0. */
    CHR,
    /** MD5(s), SHA256(s): lower-case hex digests of s's UTF-8 bytes. */
    MD5, SHA256,
    /** TO_BASE64(s), FROM_BASE64(s) over UTF-8 bytes; a value that is not base64 is an error. */
    TO_BASE64, FROM_BASE64,
    // conditional and numeric
    /** GREATEST(a, ...), LEAST(a, ...): NULL when any argument is NULL (Flink's rule). */
    GREATEST, LEAST,
    SIGN,
    /** TRUNCATE(x [, d]): toward zero to d digits after the point (d &lt; 0: tens, hundreds, ...). */
    TRUNCATE,
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
    /**
     * TO_TIMESTAMP(s [, format]): TIMESTAMP(3) from text; NULL when it does not parse (Flink's rules:
     * without a format {@code yyyy-M-d[ H:m[:s[.fraction]]]}; with one, a DateTimeFormatter pattern, then
     * JDBC's timestamp and date text).
     */
    TO_TIMESTAMP,
    /** TO_DATE(s [, format]): DATE from text; NULL when it does not parse. */
    TO_DATE,
    /** UNIX_TIMESTAMP() now in seconds, or UNIX_TIMESTAMP(s [, format]): seconds of the text, Long.MIN_VALUE if it does not parse. */
    UNIX_TIMESTAMP,
    /** FROM_UNIXTIME(seconds [, format]): the UTC time as text, default {@code yyyy-MM-dd HH:mm:ss}. */
    FROM_UNIXTIME,
    /** TIMESTAMPDIFF(unit, t1, t2): operand 0 is the unit literal; whole units from t1 to t2, as INT. */
    TIMESTAMPDIFF,
    // numeric functions
    FLOOR, CEIL, ROUND, POWER, SQRT, LN, LOG10, EXP
}
