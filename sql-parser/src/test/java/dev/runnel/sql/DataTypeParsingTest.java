package dev.runnel.sql;

import static dev.runnel.sql.Parsing.error;
import static dev.runnel.sql.Parsing.parse;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.sql.statement.CreateStream;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class DataTypeParsingTest {

    static Stream<Arguments> types() {
        return Stream.of(
                Arguments.of("BOOLEAN", DataType.of(TypeKind.BOOLEAN)),
                Arguments.of("INT", DataType.of(TypeKind.INT)),
                Arguments.of("integer", DataType.of(TypeKind.INT)),
                Arguments.of("BIGINT", DataType.of(TypeKind.BIGINT)),
                Arguments.of("DOUBLE", DataType.of(TypeKind.DOUBLE)),
                Arguments.of("DOUBLE PRECISION", DataType.of(TypeKind.DOUBLE)),
                Arguments.of("FLOAT", DataType.of(TypeKind.DOUBLE)),
                Arguments.of("DECIMAL", DataType.of(TypeKind.DECIMAL)),
                Arguments.of("DECIMAL(10)", DataType.decimal(10, 0)),
                Arguments.of("NUMERIC(10, 2)", DataType.decimal(10, 2)),
                Arguments.of("DECIMAL(38,38)", DataType.decimal(38, 38)),
                Arguments.of("VARCHAR", DataType.varchar()),
                Arguments.of("varchar(20)", new DataType(TypeKind.VARCHAR, 20, 0, true)),
                Arguments.of("STRING", DataType.varchar()),
                Arguments.of("CHAR", new DataType(TypeKind.VARCHAR, 1, 0, true)),
                Arguments.of("CHAR(3)", new DataType(TypeKind.VARCHAR, 3, 0, true)),
                Arguments.of("CHARACTER VARYING(5)", new DataType(TypeKind.VARCHAR, 5, 0, true)),
                Arguments.of("TIMESTAMP", DataType.of(TypeKind.TIMESTAMP)),
                Arguments.of("TIMESTAMP(3)", DataType.of(TypeKind.TIMESTAMP)),
                Arguments.of("DATE", DataType.of(TypeKind.DATE)),
                Arguments.of("INTERVAL DAY TO SECOND", DataType.of(TypeKind.INTERVAL_DAY_TIME)),
                Arguments.of("interval year to month", DataType.of(TypeKind.INTERVAL_YEAR_MONTH)),
                Arguments.of("BIGINT NOT NULL", DataType.of(TypeKind.BIGINT).notNull()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void typeAsWrittenMapsToRunnelsType(String written, DataType expected) {
        CreateStream s = parse("CREATE STREAM s (c " + written + ")", CreateStream.class);
        assertThat(s.columns().get(0).type()).isEqualTo(expected);
    }

    @Test
    void timestampPrecisionOtherThanMillisecondsIsNotSupported() {
        RunnelSqlException e = error("CREATE STREAM s (ts TIMESTAMP(6))");
        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.getMessage()).isEqualTo("line 1, column 31: TIMESTAMP(6) is not supported: "
                + "timestamps have millisecond precision, use TIMESTAMP(3) or TIMESTAMP");
    }

    @Test
    void decimalPrecisionAndScaleAreChecked() {
        assertThat(error("CREATE STREAM s (a DECIMAL(39, 2))").getMessage())
                .isEqualTo("line 1, column 28: DECIMAL precision must be between 1 and 38, not 39");
        assertThat(error("CREATE STREAM s (a DECIMAL(0))").detail())
                .isEqualTo("DECIMAL precision must be between 1 and 38, not 0");
        assertThat(error("CREATE STREAM s (a DECIMAL(4, 5))").getMessage())
                .isEqualTo("line 1, column 31: DECIMAL scale must be between 0 and 4, not 5");
    }

    @Test
    void varcharLengthIsChecked() {
        assertThat(error("CREATE STREAM s (a VARCHAR(0))").detail()).isEqualTo("VARCHAR length must be at least 1, not 0");
        assertThat(error("CREATE STREAM s (a VARCHAR(99999999999))").position()).isEqualTo(pos(1, 28));
    }

    @Test
    void unknownTypeListsTheSupportedTypes() {
        assertThat(error("CREATE STREAM s (a SMALLINT)").getMessage()).isEqualTo("line 1, column 20: unknown type "
                + "'SMALLINT'; supported types: BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL(p, s), VARCHAR(n), TIMESTAMP(3), "
                + "DATE, INTERVAL DAY TO SECOND, INTERVAL YEAR TO MONTH");
    }

    @Test
    void misspeltTypeIsSuggested() {
        assertThat(error("CREATE STREAM s (a VARCHR)").detail()).startsWith("unknown type 'VARCHR' (did you mean VARCHAR?);");
    }

    @Test
    void missingTypeSaysATypeIsExpected() {
        assertThat(error("CREATE STREAM s (a, b INT)").detail())
                .startsWith("unexpected ',', expected a type; supported types: BOOLEAN, INT,");
    }
}
