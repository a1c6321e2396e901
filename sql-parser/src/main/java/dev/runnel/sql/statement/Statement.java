package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;

/**
 * One parsed statement of a script. Produced by {@code StatementParser}; consumed by the planner,
 * which switches over the permitted records without a default branch. Every record is immutable
 * and carries where it starts in the script ({@link #pos()}) and its source text.
 */
public sealed interface Statement
        permits CreateStream, CreateTable, CreateMaterializedView, CreateJob, CreateSearch, Drop, StopJob, Show, Describe, Explain,
                SetOption, Insert, Copy, Query {

    /** Where the statement starts in the script. */
    SourcePos pos();

    /** The statement's text as written (without the terminating semicolon). */
    String text();
}
