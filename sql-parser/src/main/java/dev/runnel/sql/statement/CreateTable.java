package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] name (col type [PRIMARY KEY], ..., [PRIMARY KEY (a, b)], [WATERMARK ...]) [WITH (...)]}:
 * a changelog keyed by its primary key (column-level or table-level form). Immutable.
 */
public record CreateTable(String name, List<ColumnDef> columns, List<String> primaryKey,
        Optional<WatermarkDef> watermark, Map<String, String> options, boolean ifNotExists, SourcePos pos,
        String text) implements Statement {
    public CreateTable {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        options = Options.copyOf(options);
    }
}
