package dev.runnel.exec.sink;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.window.LateRowSinks;
import dev.runnel.log.LogStore;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes late rows ({@code late = 'route'}) to a stream of the catalog through a {@link LogSink}.
 * The target's payload columns take the late row's columns of the same name (case-insensitive,
 * same type); target columns the row does not have are NULL, and the row's other columns (such as
 * {@code _watermark}) are left out, so a target declared like the source stream receives the rows
 * unchanged. Thread-safe; each opened sink belongs to one operator.
 */
public final class LogLateRowSinks implements LateRowSinks {
    private final LogStore store;
    private final Function<String, Optional<RelationDef>> catalog;
    private final Clock clock;

    /** @param catalog finds a relation by name (as the catalog does, case-insensitively) */
    public LogLateRowSinks(LogStore store, Function<String, Optional<RelationDef>> catalog, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public LateRowSink open(String target, RowSchema rows, OperatorContext context) {
        RelationDef def = catalog.apply(target).orElseThrow(() -> new RunnelSqlException("42S02",
                "late rows go to '" + target + "', which does not exist", SourcePos.UNKNOWN));
        if (def.kind() != RelationKind.STREAM) {
            throw new RunnelSqlException("42809", "late rows go to '" + target + "', which is not a stream",
                    SourcePos.UNKNOWN);
        }
        int[] source = new int[def.columns().size()];
        for (int c = 0; c < source.length; c++) {
            Column col = def.columns().get(c);
            source[c] = -1;
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).name().toLowerCase(Locale.ROOT).equals(col.name().toLowerCase(Locale.ROOT))) {
                    if (rows.get(i).type().kind() != col.type().kind()) {
                        throw new RunnelSqlException("42804", "late rows cannot go to '" + target + "': column '"
                                + col.name() + "' is " + col.type().toSql() + " there and "
                                + rows.get(i).type().toSql() + " in the rows", SourcePos.UNKNOWN);
                    }
                    source[c] = i;
                }
            }
        }
        LogSink sink = new LogSink(store, def, context.allocator(), clock);
        RowSchema payload = new RowSchema(def.columns());
        return new LateRowSink() {
            @Override
            public void write(VectorSchemaRoot batch, int[] selected, int count) {
                try (VectorSchemaRoot out = Vectors.newRoot(payload, context.allocator())) {
                    Vectors.allocate(out, count);
                    for (int c = 0; c < source.length; c++) {
                        if (source[c] < 0) {
                            continue; // allocated as all NULL
                        }
                        FieldVector to = out.getVector(c);
                        FieldVector from = batch.getVector(source[c]);
                        for (int k = 0; k < count; k++) {
                            to.copyFromSafe(selected[k], k, from);
                        }
                    }
                    out.setRowCount(count);
                    sink.write(out);
                }
            }

            @Override
            public void close() {}
        };
    }
}
