package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code CREATE STREAM [IF NOT EXISTS] name (col type, ..., [WATERMARK FOR col AS expr]) [WITH (k = v, ...)]}.
 * Option keys are lower-cased; values are the literal text (quotes removed). Immutable.
 */
public record CreateStream(String name, List<ColumnDef> columns, Optional<WatermarkDef> watermark,
        Map<String, String> options, boolean ifNotExists, SourcePos pos, String text) implements Statement {
    public CreateStream {
        columns = List.copyOf(columns);
        options = Options.copyOf(options);
    }
}
