package dev.runnel.planner.catalog;

import dev.runnel.sql.type.DataType;
import java.util.Objects;

/** A named, typed column of a relation or plan row. Immutable. */
public record Column(String name, DataType type) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
