package dev.runnel.planner.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class TypeMappingTest {
    private final RelDataTypeFactory f = new JavaTypeFactoryImpl(RunnelTypeSystem.INSTANCE);

    @Test
    void everyRunnelTypeRoundTrips() {
        for (TypeKind kind : TypeKind.values()) {
            DataType t = kind == TypeKind.DECIMAL ? DataType.decimal(38, 4) : DataType.of(kind);
            for (DataType n : new DataType[] {t, kind == TypeKind.NULL ? t : t.notNull()}) {
                assertThat(TypeMapping.toDataType(TypeMapping.toRelDataType(f, n))).as(n.toSql()).isEqualTo(n);
            }
        }
        DataType v = new DataType(TypeKind.VARCHAR, 20, 0, true);
        assertThat(TypeMapping.toDataType(TypeMapping.toRelDataType(f, v))).isEqualTo(v);
    }

    @Test
    void calciteTypesFoldIntoRunnelsFewerKinds() {
        assertThat(TypeMapping.toDataType(f.createSqlType(SqlTypeName.TINYINT))).isEqualTo(DataType.of(TypeKind.INT).notNull());
        assertThat(TypeMapping.toDataType(f.createSqlType(SqlTypeName.REAL))).isEqualTo(DataType.of(TypeKind.DOUBLE).notNull());
        assertThat(TypeMapping.toDataType(f.createSqlType(SqlTypeName.CHAR, 3)))
                .isEqualTo(new DataType(TypeKind.VARCHAR, 3, 0, false));
        assertThat(TypeMapping.toDataType(f.createSqlType(SqlTypeName.TIMESTAMP, 0)))
                .isEqualTo(DataType.of(TypeKind.TIMESTAMP).notNull());
    }

    @Test
    void otherTypesAreNotSupportedYet() {
        RelDataType time = f.createSqlType(SqlTypeName.TIME);
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class, () -> TypeMapping.toDataType(time));
        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.detail()).isEqualTo("the type TIME(0) is not supported yet");
        assertThat(catchThrowableOfType(RunnelSqlException.class,
                () -> TypeMapping.toDataType(f.createArrayType(time, -1)))).isNotNull();
    }

    @Test
    void decimalsUpTo38Digits() {
        assertThat(RunnelTypeSystem.INSTANCE.getMaxPrecision(SqlTypeName.DECIMAL)).isEqualTo(38);
    }
}
