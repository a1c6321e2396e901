package dev.runnel.planner.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LiteralsTest {
    private static final DataType INT = DataType.of(TypeKind.INT);
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType DOUBLE = DataType.of(TypeKind.DOUBLE);

    @Test
    void numbersConvertLikeSqlCast() {
        assertThat(Literals.convert(new BigDecimal("7"), DataType.decimal(1, 0), BIGINT)).isEqualTo(7L);
        assertThat(Literals.convert(new BigDecimal("-7.9"), DataType.decimal(2, 1), INT)).isEqualTo(-7);
        assertThat(Literals.convert(new BigDecimal("7.125"), DataType.decimal(4, 3), DataType.decimal(10, 2)))
                .isEqualTo(new BigDecimal("7.13"));
        assertThat(Literals.convert(3, INT, DOUBLE)).isEqualTo(3.0);
        assertThat(Literals.convert(2.5, DOUBLE, DataType.decimal(5, 2))).isEqualTo(new BigDecimal("2.50"));
        assertThat(Literals.convert(null, DataType.of(TypeKind.NULL), BIGINT)).isNull();
    }

    @Test
    void outOfRangeIsADataError() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> Literals.convert(3_000_000_000L, BIGINT, INT));
        assertThat(e.sqlState()).isEqualTo("22000");
        assertThat(e.detail()).isEqualTo("the value 3000000000 is out of range for INT");
        assertThat(catchThrowableOfType(RunnelSqlException.class,
                () -> Literals.convert(new BigDecimal("1234.5"), DataType.decimal(5, 1), DataType.decimal(4, 2))))
                .isNotNull();
    }

    @Test
    void onlyNumbersConvertAcrossKinds() {
        assertThat(Literals.convertible(INT, DataType.decimal(10, 2))).isTrue();
        assertThat(Literals.convertible(DataType.varchar(), BIGINT)).isFalse();
        assertThat(Literals.convertible(DataType.of(TypeKind.NULL), DataType.of(TypeKind.TIMESTAMP))).isTrue();
    }
}
