package dev.runnel.planner.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with Runnel's limits: DECIMAL up to 38 digits (what {@code DataType} and
 * Arrow's DecimalVector hold), and CHAR results of CASE/UNION widened to VARCHAR so that
 * {@code CASE WHEN c THEN 'a' ELSE 'bc' END} is not blank-padded; AVG of a DECIMAL(p, s) is
 * DECIMAL(38, max(6, s)), as Flink types it. Stateless and thread-safe.
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
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
