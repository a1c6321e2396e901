package dev.runnel.shell.output;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JDBC rows into the plain values printers take: TIMESTAMP as LocalDateTime (the wall-clock
 * time the engine stores), DATE as LocalDate, DECIMAL as BigDecimal, BOOLEAN as Boolean, numbers as
 * their boxed type, everything else as its string. Not thread-safe (follows its ResultSet).
 */
public final class JdbcRows {
    private final ResultSet rs;
    private final int[] types;
    private final List<ColumnInfo> columns;

    public JdbcRows(ResultSet rs) throws SQLException {
        this.rs = rs;
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        types = new int[n];
        List<ColumnInfo> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            types[i] = md.getColumnType(i + 1);
            cols.add(new ColumnInfo(md.getColumnLabel(i + 1), numeric(types[i]), widthHint(types[i], md, i + 1)));
        }
        columns = List.copyOf(cols);
    }

    public List<ColumnInfo> columns() {
        return columns;
    }

    /** The next row's values, or null at the end. */
    public Object[] next() throws SQLException {
        if (!rs.next()) {
            return null;
        }
        Object[] row = new Object[types.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = value(i + 1, types[i]);
        }
        return row;
    }

    private Object value(int col, int type) throws SQLException {
        Object v = switch (type) {
            case Types.TIMESTAMP -> {
                Timestamp t = rs.getTimestamp(col);
                yield t == null ? null : t.toLocalDateTime();
            }
            case Types.DATE -> {
                Date d = rs.getDate(col);
                yield d == null ? null : d.toLocalDate();
            }
            case Types.DECIMAL, Types.NUMERIC -> rs.getBigDecimal(col);
            case Types.BOOLEAN, Types.BIT -> rs.getBoolean(col);
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> rs.getInt(col);
            case Types.BIGINT -> rs.getLong(col);
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> rs.getDouble(col);
            default -> rs.getString(col);
        };
        return rs.wasNull() ? null : v;
    }

    private static boolean numeric(int type) {
        return switch (type) {
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.BIGINT, Types.DOUBLE, Types.FLOAT, Types.REAL,
                    Types.DECIMAL, Types.NUMERIC -> true;
            default -> false;
        };
    }

    private static int widthHint(int type, ResultSetMetaData md, int col) throws SQLException {
        return switch (type) {
            case Types.TIMESTAMP -> 23;
            case Types.DATE -> 10;
            case Types.BOOLEAN, Types.BIT -> 5;
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> 8;
            case Types.BIGINT, Types.DOUBLE, Types.FLOAT, Types.REAL -> 10;
            case Types.DECIMAL, Types.NUMERIC -> Math.max(4, md.getPrecision(col) + 2);
            default -> 12;
        };
    }
}
