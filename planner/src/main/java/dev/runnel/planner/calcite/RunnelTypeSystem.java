package dev.runnel.planner.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's type system with Runnel's limits: DECIMAL up to 38 digits (what {@code DataType} and
 * Arrow's DecimalVector hold), and CHAR results of CASE/UNION widened to VARCHAR so that
 * {@code CASE WHEN c THEN 'a' ELSE 'bc' END} is not blank-padded; AVG of a DECIMAL(p, s) is
 * DECIMAL(38, max(6, s)), and DECIMAL sums, products and quotients are typed by Flink's rules
 * (past 38 digits the scale gives way, down to 6). Stateless and thread-safe.
 */
public final class RunnelTypeSystem extends RelDataTypeSystemImpl {
    public static final RunnelTypeSystem INSTANCE = new RunnelTypeSystem();

    private RunnelTypeSystem() {}

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxScale(typeName);
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        if (argumentType.getSqlTypeName() != SqlTypeName.DECIMAL) {
            return super.deriveAvgAggType(typeFactory, argumentType);
        }
        RelDataType type = typeFactory.createSqlType(SqlTypeName.DECIMAL, 38, Math.max(6, argumentType.getScale()));
        return typeFactory.createTypeWithNullability(type, argumentType.isNullable());
    }

    @Override
    public RelDataType deriveDecimalPlusType(RelDataTypeFactory typeFactory, RelDataType type1, RelDataType type2) {
        if (!decimals(type1, type2)) {
            return null;
        }
        int scale = Math.max(type1.getScale(), type2.getScale());
        int precision = Math.max(type1.getPrecision() - type1.getScale(), type2.getPrecision() - type2.getScale())
                + scale + 1;
        return adjusted(typeFactory, precision, scale);
    }

    @Override
    public RelDataType deriveDecimalMultiplyType(RelDataTypeFactory typeFactory, RelDataType type1, RelDataType type2) {
        if (!decimals(type1, type2)) {
            return null;
        }
        return adjusted(typeFactory, type1.getPrecision() + type2.getPrecision() + 1, type1.getScale() + type2.getScale());
    }

    @Override
    public RelDataType deriveDecimalDivideType(RelDataTypeFactory typeFactory, RelDataType type1, RelDataType type2) {
        if (!decimals(type1, type2)) {
            return null;
        }
        int scale = Math.max(6, type1.getScale() + type2.getPrecision() + 1);
        return adjusted(typeFactory, type1.getPrecision() - type1.getScale() + type2.getScale() + scale, scale);
    }

    /** Exact numbers, one of them a DECIMAL (Calcite's condition for the decimal rules). */
    private static boolean decimals(RelDataType type1, RelDataType type2) {
        return SqlTypeUtil.isExactNumeric(type1) && SqlTypeUtil.isExactNumeric(type2)
                && (SqlTypeUtil.isDecimal(type1) || SqlTypeUtil.isDecimal(type2));
    }

    /** Flink's {@code adjustPrecisionScale}: past 38 digits keep the whole digits, and at least 6 (or s) after the point. */
    private static RelDataType adjusted(RelDataTypeFactory typeFactory, int precision, int scale) {
        if (precision > 38) {
            int whole = precision - scale;
            scale = Math.max(38 - whole, Math.min(scale, 6));
            precision = 38;
        }
        return typeFactory.createSqlType(SqlTypeName.DECIMAL, precision, scale);
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
