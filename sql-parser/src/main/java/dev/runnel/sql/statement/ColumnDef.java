package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;
import dev.runnel.sql.type.DataType;
import java.util.Objects;

/** A column in CREATE STREAM/TABLE: name as written, type, and where it was declared. Immutable. */
public record ColumnDef(String name, DataType type, SourcePos pos) {
    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
