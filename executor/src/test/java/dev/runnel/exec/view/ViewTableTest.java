package dev.runnel.exec.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.testing.Rows;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.TypeKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class ViewTableTest {
    private static final RowSchema SCHEMA = Schemas.of("k", TypeKind.VARCHAR, "n", TypeKind.BIGINT);

    private static void apply(ViewTable t, BufferAllocator a, List<List<Object>> changes) {
        try (VectorSchemaRoot b = Vectors.fromRows(Changelog.withOp(SCHEMA), changes, a)) {
            t.apply(b);
        }
    }

    private static List<List<Object>> scan(ViewTable t, BufferAllocator a) {
        List<List<Object>> out = new ArrayList<>();
        for (VectorSchemaRoot b : t.scan(a)) {
            try (b) {
                out.addAll(Rows.fromRoot(b));
            }
        }
        return out;
    }

    @Test
    void keyedRowsAreUpsertedAndDeletedAndWholeRowsCounted() {
        try (BufferAllocator a = new RootAllocator()) {
            ViewTable keyed = new ViewTable(SCHEMA, List.of(0));
            apply(keyed, a, List.of(List.of("a", 1L, 0), List.of("b", 1L, 0)));
            apply(keyed, a, List.of(List.of("a", 1L, 1), List.of("a", 2L, 2), List.of("b", 1L, 3)));
            assertThat(scan(keyed, a)).containsExactly(List.of("a", 2L));
            assertThat(keyed.rowCount()).isEqualTo(1);

            ViewTable whole = new ViewTable(SCHEMA, List.of());
            apply(whole, a, List.of(List.of("a", 1L, 0), List.of("a", 1L, 0), List.of("b", 1L, 0)));
            apply(whole, a, List.of(List.of("a", 1L, 3), List.of("c", 9L, 3))); // c was never there: ignored
            assertThat(scan(whole, a)).containsExactlyInAnyOrder(List.of("a", 1L), List.of("b", 1L));
        }
    }

    @Test
    void aSnapshotRestoresTheSameRowsWithTheirCountsAndLookupsWork() throws Exception {
        try (BufferAllocator a = new RootAllocator()) {
            ViewTable whole = new ViewTable(SCHEMA, List.of());
            List<List<Object>> changes = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                changes.add(List.of("k" + (i % 1000), (long) (i % 3), 0));
            }
            apply(whole, a, changes);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            whole.snapshot(bytes, a);
            ViewTable back = new ViewTable(SCHEMA, List.of());
            back.restore(new ByteArrayInputStream(bytes.toByteArray()), a);
            assertThat(back.rowCount()).isEqualTo(100_000);
            assertThat(scan(back, a)).containsExactlyInAnyOrderElementsOf(scan(whole, a));

            ViewTable keyed = new ViewTable(SCHEMA, List.of(0));
            apply(keyed, a, List.of(List.of("x", 5L, 0), List.of("y", 6L, 0)));
            try (VectorSchemaRoot keys = Vectors.fromRows(Schemas.of("k", TypeKind.VARCHAR),
                    List.of(List.of("y"), List.of("nope")), a)) {
                List<List<Object>> found = new ArrayList<>();
                for (VectorSchemaRoot b : keyed.lookup(keys, a)) {
                    try (b) {
                        found.addAll(Rows.fromRoot(b));
                    }
                }
                assertThat(found).containsExactly(List.of("y", 6L));
            }
        }
    }
}
