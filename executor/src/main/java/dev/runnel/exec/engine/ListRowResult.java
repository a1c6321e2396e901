package dev.runnel.exec.engine;

import dev.runnel.planner.catalog.Column;
import java.util.ArrayList;
import java.util.List;

/** A {@link RowResult} over rows computed up front (SHOW, DESCRIBE, EXPLAIN). Single reader. */
final class ListRowResult implements RowResult {
    private final List<Column> columns;
    private final List<Object[]> rows;
    private int next;

    ListRowResult(List<Column> columns, List<Object[]> rows) {
        this.columns = List.copyOf(columns);
        this.rows = new ArrayList<>(rows);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean unbounded() {
        return false;
    }

    @Override
    public List<Object[]> fetch(int maxRows) {
        int end = Math.min(rows.size(), next + Math.max(1, maxRows));
        List<Object[]> out = new ArrayList<>(rows.subList(next, end));
        next = end;
        return out;
    }

    @Override
    public void cancel() {
        next = rows.size();
    }

    @Override
    public List<String> warnings() {
        return List.of();
    }

    @Override
    public void close() {
        cancel();
    }
}
