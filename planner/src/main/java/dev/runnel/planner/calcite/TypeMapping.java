package dev.runnel.planner.calcite;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Maps Runnel's {@link DataType} to Calcite's {@link RelDataType} and back.
 *
 * <table>
 *   <caption>Calcite to Runnel</caption>
 *   <tr><th>Calcite</th><th>Runnel</th></tr>
 *   <tr><td>CHAR(n), VARCHAR(n)</td><td>VARCHAR(n)</td></tr>
 *   <tr><td>TINYINT, SMALLINT, INTEGER</td><td>INT</td></tr>
 *   <tr><td>BIGINT</td><td>BIGINT</td></tr>
 *   <tr><td>REAL, FLOAT, DOUBLE</td><td>DOUBLE</td></tr>
 *   <tr><td>DECIMAL(p, s)</td><td>DECIMAL(p, s)</td></tr>
 *   <tr><td>TIMESTAMP(any)</td><td>TIMESTAMP(3)</td></tr>
 *   <tr><td>DATE, BOOLEAN, NULL</td><td>the same</td></tr>
 *   <tr><td>INTERVAL YEAR/MONTH kinds</td><td>INTERVAL_YEAR_MONTH</td></tr>
 *   <tr><td>INTERVAL DAY..SECOND kinds</td><td>INTERVAL_DAY_TIME</td></tr>
 *   <tr><td>SYMBOL (flags such as a time unit)</td><td>VARCHAR</td></tr>
 * </table>
 *
 * Anything else (TIME, binary, arrays, maps, rows, ...) is "not supported yet" (0A000).
 * Stateless and thread-safe.
 */
public final class TypeMapping {
    private TypeMapping() {}

    /** The Calcite type for a Runnel type, with the same nullability. */
    public static RelDataType toRelDataType(RelDataTypeFactory f, DataType t) {
        RelDataType base = switch (t.kind()) {
            case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
            case INT -> f.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
            case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL -> f.createSqlType(SqlTypeName.DECIMAL, t.precision(), t.scale());
            case VARCHAR -> t.precision() == DataType.UNBOUNDED ? f.createSqlType(SqlTypeName.VARCHAR)
                    : f.createSqlType(SqlTypeName.VARCHAR, t.precision());
            case TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, 3);
            case DATE -> f.createSqlType(SqlTypeName.DATE);
            case INTERVAL_DAY_TIME -> f.createSqlIntervalType(
                    new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO));
            case INTERVAL_YEAR_MONTH -> f.createSqlIntervalType(
                    new SqlIntervalQualifier(TimeUnit.YEAR, TimeUnit.MONTH, SqlParserPos.ZERO));
            case NULL -> f.createSqlType(SqlTypeName.NULL);
        };
        return f.createTypeWithNullability(base, t.nullable() || t.kind() == TypeKind.NULL);
    }

    /** A struct type with one field per column. */
    public static RelDataType toRowType(RelDataTypeFactory f, List<Column> columns) {
        RelDataTypeFactory.Builder b = f.builder();
        for (Column c : columns) {
            b.add(c.name(), toRelDataType(f, c.type()));
        }
        return b.build();
    }

    /** The Runnel type for a Calcite type; unsupported types are a 0A000 error. */
    public static DataType toDataType(RelDataType t) {
        boolean nullable = t.isNullable();
        SqlTypeName n = t.getSqlTypeName();
        DataType base = switch (n) {
            case BOOLEAN -> DataType.of(TypeKind.BOOLEAN);
            case TINYINT, SMALLINT, INTEGER -> DataType.of(TypeKind.INT);
            case BIGINT -> DataType.of(TypeKind.BIGINT);
            case REAL, FLOAT, DOUBLE -> DataType.of(TypeKind.DOUBLE);
            case DECIMAL -> DataType.decimal(Math.max(1, Math.min(38, t.getPrecision())),
                    Math.max(0, Math.min(t.getScale(), Math.min(38, t.getPrecision()))));
            case CHAR, VARCHAR -> t.getPrecision() < 0 || t.getPrecision() == Integer.MAX_VALUE ? DataType.varchar()
                    : new DataType(TypeKind.VARCHAR, t.getPrecision(), 0, true);
            case SYMBOL -> DataType.varchar();
            case TIMESTAMP -> DataType.of(TypeKind.TIMESTAMP);
            case DATE -> DataType.of(TypeKind.DATE);
            case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH -> DataType.of(TypeKind.INTERVAL_YEAR_MONTH);
            case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR,
                    INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND,
                    INTERVAL_SECOND -> DataType.of(TypeKind.INTERVAL_DAY_TIME);
            case NULL -> DataType.of(TypeKind.NULL);
            default -> throw Unsupported.of("the type " + t.getFullTypeString().replace(" NOT NULL", ""));
        };
        return base.withNullable(nullable || n == SqlTypeName.NULL);
    }

    /** The row schema (names and Runnel types) of a Calcite struct type. */
    public static RowSchema toRowSchema(RelDataType rowType) {
        List<Column> columns = new ArrayList<>(rowType.getFieldCount());
        for (RelDataTypeField f : rowType.getFieldList()) {
            columns.add(new Column(f.getName(), toDataType(f.getType())));
        }
        return new RowSchema(columns);
    }

    /** True when two types are the same ignoring nullability (and VARCHAR length). */
    public static boolean sameIgnoringNullability(DataType a, DataType b) {
        if (a.kind() != b.kind()) {
            return false;
        }
        return a.kind() != TypeKind.DECIMAL || (a.precision() == b.precision() && a.scale() == b.scale());
    }
}
