package dev.runnel.exec.format;

import static dev.runnel.exec.testing.Relations.col;
import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.testing.Rows;
import dev.runnel.log.Partitioner;
import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class KeyEncoderTest {
    static final List<Column> COLUMNS = List.of(col("id", TypeKind.BIGINT), col("name", TypeKind.VARCHAR),
            col("at", TypeKind.TIMESTAMP), new Column("amount", DataType.decimal(10, 2)), col("f", TypeKind.DOUBLE));

    @Test
    void oneKeyColumnIsItsCanonicalTextAndSeveralAreAJsonArray() {
        try (RootAllocator a = new RootAllocator();
                VectorSchemaRoot batch = Rows.toRoot(COLUMNS, List.of(
                        row(42L, "we\"b", 1_767_225_601_000L, new BigDecimal("-3.05"), Double.NaN),
                        row(null, null, null, null, null)), a)) {
            assertThat(key(List.of(0), batch, 0)).isEqualTo("42");
            assertThat(key(List.of(1), batch, 0)).isEqualTo("we\"b");
            assertThat(key(List.of(2), batch, 0)).isEqualTo("2026-01-01 00:00:01.000");
            assertThat(key(List.of(3), batch, 0)).isEqualTo("-3.05");
            assertThat(key(List.of(0, 1, 2, 3, 4), batch, 0))
                    .isEqualTo("[42,\"we\\\"b\",\"2026-01-01 00:00:01.000\",-3.05,\"NaN\"]");
            assertThat(key(List.of(0), batch, 1)).isNull();
            assertThat(key(List.of(), batch, 0)).isNull();
            assertThat(key(List.of(0, 1), batch, 1)).isEqualTo("[null,null]");
        }
    }

    /** Array keys (a cluster's internal topics): one column is an array too, and a NULL is a key. */
    @Test
    void arrayKeysMakeANullColumnAKeyOfItsOwn() {
        try (RootAllocator a = new RootAllocator();
                VectorSchemaRoot batch = Rows.toRoot(COLUMNS, List.of(row(42L, "null", null, null, null),
                        row(null, null, null, null, null)), a)) {
            KeyEncoder k = new KeyEncoder(COLUMNS, List.of(0), true);
            assertThat(new String(k.key(batch, 0), StandardCharsets.UTF_8)).isEqualTo("[42]");
            assertThat(new String(k.key(batch, 1), StandardCharsets.UTF_8)).isEqualTo("[null]");
            assertThat(k.partition(batch, 1, 6)).isEqualTo(new Partitioner().partition("[null]".getBytes(), 6));
            KeyEncoder text = new KeyEncoder(COLUMNS, List.of(1), true); // the text 'null' is not NULL
            assertThat(new String(text.key(batch, 0), StandardCharsets.UTF_8)).isEqualTo("[\"null\"]");
            assertThat(new String(text.key(batch, 1), StandardCharsets.UTF_8)).isEqualTo("[null]");
            assertThat(k.nullsAreKeys()).isTrue();
            assertThat(KeyEncoder.arrayKeys(java.util.Map.of(KeyEncoder.ARRAY_KEYS, "true"))).isTrue();
            assertThat(KeyEncoder.arrayKeys(java.util.Map.of())).isFalse();
        }
    }

    @Test
    void partitionIsKafkasMurmur2OfTheKeyBytes() {
        try (RootAllocator a = new RootAllocator();
                VectorSchemaRoot batch = Rows.toRoot(COLUMNS, List.of(row(21L, "x", null, null, null)), a)) {
            KeyEncoder k = new KeyEncoder(COLUMNS, List.of(0));
            assertThat(k.partition(batch, 0, 6)).isEqualTo(new Partitioner().partition("21".getBytes(), 6));
        }
    }

    private static String key(List<Integer> keyColumns, VectorSchemaRoot batch, int row) {
        byte[] k = new KeyEncoder(COLUMNS, keyColumns).key(batch, row);
        return k == null ? null : new String(k, StandardCharsets.UTF_8);
    }
}
