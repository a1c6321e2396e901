package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;
import java.util.Map;

/** {@code COPY target FROM 'path' [WITH (format = 'csv', header = true, ...)]}. Immutable. */
public record Copy(String target, String path, Map<String, String> options, SourcePos pos, String text)
        implements Statement {
    public Copy {
        options = Options.copyOf(options);
    }
}
