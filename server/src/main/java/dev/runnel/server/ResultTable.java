package dev.runnel.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MetaImpl;

/**
 * A small, fully materialized result (the rows of a DatabaseMetaData call): typed columns and
 * {@code Object[]} rows in the columns' Java types. Built by one thread, then read-only.
 */
final class ResultTable {
    private final List<ColumnMetaData> columns = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();

    /** Adds a column; {@code type} is String, Integer, Short, Boolean (nullable) or int, short, boolean (not null). */
    ResultTable column(String name, Class<?> type) {
        columns.add(MetaImpl.columnMetaData(name, columns.size(), type, !type.isPrimitive()));
        return this;
    }

    ResultTable row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values for " + columns.size() + " columns");
        }
        rows.add(values);
        return this;
    }

    ResultTable sort(Comparator<Object[]> order) {
        rows.sort(order);
        return this;
    }

    List<ColumnMetaData> columns() {
        return List.copyOf(columns);
    }

    List<Object> rows() {
        return new ArrayList<>(rows);
    }
}
