package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;

/**
 * {@code CREATE JOB [IF NOT EXISTS] name AS INSERT INTO target SELECT ...}: a persistent job that
 * keeps running the INSERT over unbounded scans in the background. Immutable.
 */
public record CreateJob(String name, Insert insert, boolean ifNotExists, SourcePos pos, String text)
        implements Statement {}
