package dev.runnel.planner.physical;

import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.DataType;
import java.util.List;

/** The columns of the rows a plan node produces, in order. Immutable. */
public record RowSchema(List<Column> columns) {
    public RowSchema {
        columns = List.copyOf(columns);
    }

    public int size() {
        return columns.size();
    }

    public Column get(int i) {
        return columns.get(i);
    }

    /** The columns' types, in order. */
    public List<DataType> types() {
        return columns.stream().map(Column::type).toList();
    }
}
