package dev.runnel.exec.operator.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class RowCollectorTest {
    @Test
    void convertsEveryTypeToItsJavaRepresentation() {
        RowSchema s = Schemas.of("b", TypeKind.BOOLEAN, "i", TypeKind.INT, "l", TypeKind.BIGINT, "d", TypeKind.DOUBLE,
                "m", DataType.decimal(6, 3), "s", TypeKind.VARCHAR, "t", TypeKind.TIMESTAMP, "dt", TypeKind.DATE,
                "idt", TypeKind.INTERVAL_DAY_TIME, "iym", TypeKind.INTERVAL_YEAR_MONTH, "n", TypeKind.NULL);
        List<Object> full = Arrays.asList(true, 1, 2L, 3.5, new BigDecimal("4.125"), "five", 6L, 7, 8L, 9, null);
        List<Object> nulls = Arrays.asList(null, null, null, null, null, null, null, null, null, null, null);
        RowCollector c = new RowCollector();
        try (RootAllocator a = new RootAllocator(); VectorSchemaRoot batch = Vectors.fromRows(s, List.of(full, nulls), a)) {
            c.emit(batch);
        }
        c.finish();
        assertThat(c.rows()).containsExactly(full, nulls);
        assertThat(c.rows().get(0)).extracting(v -> v == null ? null : v.getClass().getSimpleName())
                .containsExactly("Boolean", "Integer", "Long", "Double", "BigDecimal", "String", "Long", "Integer",
                        "Long", "Integer", null);
        assertThatThrownBy(c::finish).isInstanceOf(IllegalStateException.class);
    }
}
