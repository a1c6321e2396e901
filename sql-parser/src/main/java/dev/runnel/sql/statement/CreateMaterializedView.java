package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;
import java.util.Map;

/** {@code CREATE MATERIALIZED VIEW [IF NOT EXISTS] name [WITH (...)] AS query}. Immutable. */
public record CreateMaterializedView(String name, Map<String, String> options, QueryBody query, boolean ifNotExists,
        SourcePos pos, String text) implements Statement {
    public CreateMaterializedView {
        options = Options.copyOf(options);
    }
}
