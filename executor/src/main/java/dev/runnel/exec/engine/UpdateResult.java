package dev.runnel.exec.engine;

import java.util.List;

/**
 * The outcome of a statement that returns no rows: rows affected (-1 when not meaningful, e.g.
 * DDL), a one-line message for people ("created stream bids"), and warnings (e.g. COPY's rejected
 * rows). Immutable.
 */
public record UpdateResult(long count, String message, List<String> warnings) implements StatementResult {
    public UpdateResult {
        warnings = List.copyOf(warnings);
    }

    public static UpdateResult message(String message) {
        return new UpdateResult(-1, message, List.of());
    }

    @Override
    public void close() {}
}
