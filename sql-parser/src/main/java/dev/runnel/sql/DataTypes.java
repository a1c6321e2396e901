package dev.runnel.sql;

import dev.runnel.sql.grammar.RunnelStatementParser.BigintTypeContext;
import dev.runnel.sql.grammar.RunnelStatementParser.BooleanTypeContext;
import dev.runnel.sql.grammar.RunnelStatementParser.DataTypeContext;
import dev.runnel.sql.grammar.RunnelStatementParser.DateTypeContext;
import dev.runnel.sql.grammar.RunnelStatementParser.DayTimeIntervalTypeContext;
import dev.runnel.sql.grammar.RunnelStatementParser.DecimalTypeContext;
import dev.runnel.sql.grammar.RunnelStatementParser.DoubleTypeContext;
import dev.runnel.sql.grammar.RunnelStatementParser.IntTypeContext;
import dev.runnel.sql.grammar.RunnelStatementParser.StringTypeContext;
import dev.runnel.sql.grammar.RunnelStatementParser.TimestampTypeContext;
import dev.runnel.sql.grammar.RunnelStatementParser.VarcharTypeContext;
import dev.runnel.sql.grammar.RunnelStatementParser.YearMonthIntervalTypeContext;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import org.antlr.v4.runtime.Token;

/**
 * Maps a column type as written to a {@link DataType}: INTEGER is INT, FLOAT and DOUBLE PRECISION
 * are DOUBLE, NUMERIC is DECIMAL (bare: {@code DataType.of(DECIMAL)}, {@code DECIMAL(p)}: scale 0),
 * STRING, CHAR(n) and CHARACTER VARYING are VARCHAR (CHAR without a length is VARCHAR(1), as in
 * standard SQL), TIMESTAMP is TIMESTAMP(3) and no other precision is accepted. Stateless and
 * thread-safe.
 */
final class DataTypes {
    static final int MAX_DECIMAL_PRECISION = 38;

    private DataTypes() {}

    static DataType of(DataTypeContext ctx, SourceText source) {
        if (ctx instanceof BooleanTypeContext) {
            return DataType.of(TypeKind.BOOLEAN);
        } else if (ctx instanceof IntTypeContext) {
            return DataType.of(TypeKind.INT);
        } else if (ctx instanceof BigintTypeContext) {
            return DataType.of(TypeKind.BIGINT);
        } else if (ctx instanceof DoubleTypeContext) {
            return DataType.of(TypeKind.DOUBLE);
        } else if (ctx instanceof DecimalTypeContext d) {
            return decimal(d, source);
        } else if (ctx instanceof VarcharTypeContext v) {
            if (v.length == null) {
                return v.CHAR() != null ? new DataType(TypeKind.VARCHAR, 1, 0, true) : DataType.varchar();
            }
            int length = number(v.length, "VARCHAR length", 1, Integer.MAX_VALUE, source);
            return new DataType(TypeKind.VARCHAR, length, 0, true);
        } else if (ctx instanceof StringTypeContext) {
            return DataType.varchar();
        } else if (ctx instanceof TimestampTypeContext t) {
            if (t.precision != null && !t.precision.getText().equals("3")) {
                throw new RunnelSqlException("0A000", "TIMESTAMP(" + t.precision.getText() + ") is not supported: "
                        + "timestamps have millisecond precision, use TIMESTAMP(3) or TIMESTAMP", source.pos(t.precision));
            }
            return DataType.of(TypeKind.TIMESTAMP);
        } else if (ctx instanceof DateTypeContext) {
            return DataType.of(TypeKind.DATE);
        } else if (ctx instanceof DayTimeIntervalTypeContext) {
            return DataType.of(TypeKind.INTERVAL_DAY_TIME);
        } else if (ctx instanceof YearMonthIntervalTypeContext) {
            return DataType.of(TypeKind.INTERVAL_YEAR_MONTH);
        }
        throw new IllegalStateException("unhandled type " + ctx.getClass().getSimpleName());
    }

    private static DataType decimal(DecimalTypeContext d, SourceText source) {
        if (d.precision == null) {
            return DataType.of(TypeKind.DECIMAL);
        }
        int precision = number(d.precision, "DECIMAL precision", 1, MAX_DECIMAL_PRECISION, source);
        int scale = d.scale == null ? 0 : number(d.scale, "DECIMAL scale", 0, precision, source);
        return DataType.decimal(precision, scale);
    }

    private static int number(Token token, String what, int min, int max, SourceText source) {
        String text = token.getText();
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            value = Long.MAX_VALUE;
        }
        if (value < min || value > max) {
            String range = max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
            throw new RunnelSqlException("42000", what + " must be " + range + ", not " + text, source.pos(token));
        }
        return (int) value;
    }
}
