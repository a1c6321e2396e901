package dev.runnel.exec.engine;

import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.DataType;
import java.util.List;

/** What preparing a statement tells a client: parameter types and, for queries, result columns. Immutable. */
public record PreparedInfo(List<DataType> parameterTypes, List<Column> resultColumns, boolean query) {
    public PreparedInfo {
        parameterTypes = List.copyOf(parameterTypes);
        resultColumns = List.copyOf(resultColumns);
    }
}
