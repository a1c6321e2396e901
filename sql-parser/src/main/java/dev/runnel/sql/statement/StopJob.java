package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;

/** {@code STOP JOB name}: stops a running job, keeping its definition and committed offsets. Immutable. */
public record StopJob(String name, SourcePos pos, String text) implements Statement {}
