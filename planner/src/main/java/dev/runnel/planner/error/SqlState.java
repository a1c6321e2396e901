package dev.runnel.planner.error;

/**
 * The SQLSTATEs the planner raises (see {@code RunnelSqlException} for the full list), named so
 * call sites read as what went wrong. Constants only.
 */
public final class SqlState {
    /** Syntax error or rule violation: bad DDL, bad option, wrong object kind, column count. */
    public static final String SYNTAX_OR_RULE = "42000";
    public static final String UNKNOWN_RELATION = "42S02";
    public static final String UNKNOWN_COLUMN = "42S22";
    public static final String UNKNOWN_FUNCTION = "42883";
    public static final String TYPE_MISMATCH = "42804";
    public static final String ALREADY_EXISTS = "42S01";
    public static final String NOT_SUPPORTED = "0A000";
    public static final String INTERNAL = "XX000";

    private SqlState() {}
}
