package dev.runnel.server;

import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;

/**
 * How Runnel's SQL types look through JDBC. Frames carry the engine's own values unchanged (see
 * {@link TypeKind}: TIMESTAMP as Long epoch millis, DATE as Integer days, DECIMAL as BigDecimal),
 * so each type's {@link ColumnMetaData.Rep} is the one that describes those values; Avatica's
 * accessors then give {@code getTimestamp}, {@code getDate}, {@code getLong}, {@code getString} and
 * {@code getObject} (java.sql.Timestamp / java.sql.Date) from them. Stateless.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>kind</th><th>java.sql.Types</th><th>Rep</th><th>getObject class</th></tr>
 *   <tr><td>BOOLEAN</td><td>BOOLEAN</td><td>BOOLEAN</td><td>Boolean</td></tr>
 *   <tr><td>INT</td><td>INTEGER</td><td>INTEGER</td><td>Integer</td></tr>
 *   <tr><td>BIGINT</td><td>BIGINT</td><td>LONG</td><td>Long</td></tr>
 *   <tr><td>DOUBLE</td><td>DOUBLE</td><td>DOUBLE</td><td>Double</td></tr>
 *   <tr><td>DECIMAL(p,s)</td><td>DECIMAL</td><td>NUMBER</td><td>BigDecimal</td></tr>
 *   <tr><td>VARCHAR</td><td>VARCHAR</td><td>STRING</td><td>String</td></tr>
 *   <tr><td>TIMESTAMP(3)</td><td>TIMESTAMP</td><td>LONG</td><td>java.sql.Timestamp</td></tr>
 *   <tr><td>DATE</td><td>DATE</td><td>INTEGER</td><td>java.sql.Date</td></tr>
 *   <tr><td>INTERVAL_DAY_TIME</td><td>OTHER (INTERVAL_DAY_TO_SECOND)</td><td>LONG</td><td>Long (ms)</td></tr>
 *   <tr><td>INTERVAL_YEAR_MONTH</td><td>OTHER (INTERVAL_YEAR_TO_MONTH)</td><td>INTEGER</td><td>Integer (months)</td></tr>
 *   <tr><td>NULL</td><td>NULL</td><td>OBJECT</td><td>null</td></tr>
 * </table>
 */
final class TypeMapping {
    /** Column size reported for VARCHAR without a length. */
    static final int UNBOUNDED_VARCHAR = Integer.MAX_VALUE;

    private TypeMapping() {}

    static int jdbcType(TypeKind kind) {
        return switch (kind) {
            case BOOLEAN -> Types.BOOLEAN;
            case INT -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.DECIMAL;
            case VARCHAR -> Types.VARCHAR;
            case TIMESTAMP -> Types.TIMESTAMP;
            case DATE -> Types.DATE;
            case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> Types.OTHER;
            case NULL -> Types.NULL;
        };
    }

    /** The type's name as JDBC reports it (intervals use Avatica's spelling, which its accessors read). */
    static String typeName(TypeKind kind) {
        return switch (kind) {
            case INTERVAL_DAY_TIME -> "INTERVAL_DAY_TO_SECOND";
            case INTERVAL_YEAR_MONTH -> "INTERVAL_YEAR_TO_MONTH";
            default -> kind.name();
        };
    }

    static ColumnMetaData.Rep rep(TypeKind kind) {
        return switch (kind) {
            case BOOLEAN -> ColumnMetaData.Rep.BOOLEAN;
            case INT, DATE, INTERVAL_YEAR_MONTH -> ColumnMetaData.Rep.INTEGER;
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> ColumnMetaData.Rep.LONG;
            case DOUBLE -> ColumnMetaData.Rep.DOUBLE;
            case DECIMAL -> ColumnMetaData.Rep.NUMBER;
            case VARCHAR -> ColumnMetaData.Rep.STRING;
            case NULL -> ColumnMetaData.Rep.OBJECT;
        };
    }

    /** The class of what {@code ResultSet.getObject} returns. */
    static String className(TypeKind kind) {
        return switch (kind) {
            case BOOLEAN -> Boolean.class.getName();
            case INT, INTERVAL_YEAR_MONTH -> Integer.class.getName();
            case BIGINT, INTERVAL_DAY_TIME -> Long.class.getName();
            case DOUBLE -> Double.class.getName();
            case DECIMAL -> java.math.BigDecimal.class.getName();
            case VARCHAR -> String.class.getName();
            case TIMESTAMP -> java.sql.Timestamp.class.getName();
            case DATE -> java.sql.Date.class.getName();
            case NULL -> Object.class.getName();
        };
    }

    /** JDBC's COLUMN_SIZE / getPrecision: digits for numbers, characters for text and date-times. */
    static int columnSize(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> 1;
            case INT -> 10;
            case BIGINT -> 19;
            case DOUBLE -> 15;
            case DECIMAL -> type.precision();
            case VARCHAR -> type.precision() == DataType.UNBOUNDED ? UNBOUNDED_VARCHAR : type.precision();
            case TIMESTAMP -> fractionDigits(type) == 0 ? 19 : 20 + fractionDigits(type); // yyyy-MM-dd HH:mm:ss.SSS
            case DATE -> 10;
            case INTERVAL_DAY_TIME -> 19;
            case INTERVAL_YEAR_MONTH -> 10;
            case NULL -> 0;
        };
    }

    /** JDBC's DECIMAL_DIGITS: scale for exact numbers, fraction digits for TIMESTAMP; null where it does not apply. */
    static Integer decimalDigits(DataType type) {
        return switch (type.kind()) {
            case INT, BIGINT -> 0;
            case DECIMAL -> type.scale();
            case TIMESTAMP -> fractionDigits(type);
            default -> null;
        };
    }

    /** JDBC's NUM_PREC_RADIX: 10 for numbers, null otherwise. */
    static Integer radix(TypeKind kind) {
        return kind.isNumeric() ? 10 : null;
    }

    static int displaySize(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> 5;
            case INT -> 11;
            case BIGINT -> 20;
            case DOUBLE -> 24;
            case DECIMAL -> type.precision() + 2;
            default -> columnSize(type);
        };
    }

    /** Precision as ResultSetMetaData reports it; for TIMESTAMP the fraction digits, which Avatica formats with. */
    static int precision(DataType type) {
        return type.kind() == TypeKind.TIMESTAMP ? fractionDigits(type) : columnSize(type);
    }

    static int fractionDigits(DataType type) {
        return type.precision() == DataType.UNBOUNDED ? 3 : type.precision();
    }

    /** Scale as ResultSetMetaData reports it; for day-time intervals the millisecond digits Avatica formats. */
    static int scale(DataType type) {
        return switch (type.kind()) {
            case DECIMAL -> type.scale();
            case INTERVAL_DAY_TIME -> 3;
            default -> 0;
        };
    }

    static ColumnMetaData.AvaticaType avaticaType(DataType type) {
        TypeKind kind = type.kind();
        return ColumnMetaData.scalar(jdbcType(kind), typeName(kind), rep(kind));
    }

    /** Metadata of result column {@code ordinal} (0-based). */
    static ColumnMetaData column(int ordinal, Column column) {
        DataType type = column.type();
        TypeKind kind = type.kind();
        return new ColumnMetaData(ordinal, false, kind == TypeKind.VARCHAR, true, false,
                type.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                kind.isNumeric(), displaySize(type), column.name(), column.name(), "",
                precision(type), scale(type), "", "",
                avaticaType(type), true, false, false, className(kind));
    }

    /** Metadata of statement parameter {@code index} (0-based). */
    static AvaticaParameter parameter(int index, DataType type) {
        TypeKind kind = type.kind();
        return new AvaticaParameter(kind.isNumeric(), precision(type),
                kind == TypeKind.DECIMAL ? type.scale() : 0, jdbcType(kind), typeName(kind),
                className(kind), "?" + (index + 1));
    }
}
