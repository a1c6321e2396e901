package dev.runnel.exec.engine;

import dev.runnel.planner.catalog.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RowResult} over rows computed up front (SHOW, DESCRIBE, EXPLAIN, a point lookup on a
 * view), with the warnings of computing them, or the failure its first fetch throws. Single reader.
 */
final class ListRowResult implements RowResult {
    private final List<Column> columns;
    private final List<Object[]> rows;
    private final List<String> warnings;
    private RuntimeException failure;
    private int next;

    ListRowResult(List<Column> columns, List<Object[]> rows) {
        this(columns, rows, List.of());
    }

    ListRowResult(List<Column> columns, List<Object[]> rows, List<String> warnings) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.warnings = List.copyOf(warnings);
    }

    /** A result whose first fetch throws {@code failure} (as a query that fails while running does). */
    static ListRowResult failed(List<Column> columns, RuntimeException failure, List<String> warnings) {
        ListRowResult r = new ListRowResult(columns, List.of(), warnings);
        r.failure = failure;
        return r;
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
        if (failure != null) {
            RuntimeException f = failure;
            failure = null;
            next = rows.size();
            throw f;
        }
        int end = Math.min(rows.size(), next + Math.max(1, maxRows));
        if (next == 0 && end == rows.size()) { // all at once (a lookup's row): no copy
            next = end;
            return rows;
        }
        List<Object[]> out = new ArrayList<>(rows.subList(next, end));
        next = end;
        return out;
    }

    @Override
    public void cancel() {
        next = rows.size();
        failure = null;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public void close() {
        cancel();
    }
}
