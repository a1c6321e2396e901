package dev.runnel.exec.testing;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.BatchSource;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.ScanSourceFactory;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A {@link ScanSourceFactory} over relations held in memory as batches of full rows (payload
 * columns, then metadata columns): scans pick their columns, emit one batch per stored batch and
 * count what they emitted, so tests can see early stops. A scan's checkpoint is the index of the next
 * batch and whether its final watermark went out.
 */
public final class InMemoryScans implements ScanSourceFactory {
    private final Map<String, List<List<List<Object>>>> data = new HashMap<>();
    private final Map<String, RelationDef> relations = new HashMap<>();
    public final AtomicInteger batchesEmitted = new AtomicInteger();

    /** Registers a stream with payload {@code columns}; each batch is a list of payload rows. */
    @SafeVarargs
    public final RelationDef add(String name, List<Column> columns, List<List<Object>>... batches) {
        RelationDef def = new RelationDef(name, RelationKind.STREAM, columns, List.of(), Optional.empty(),
                new StorageSpec(name, 1, Format.COLUMNAR, List.of(), null), Map.of(), "CREATE STREAM " + name);
        relations.put(name, def);
        List<List<List<Object>>> full = new ArrayList<>();
        long offset = 0;
        for (List<List<Object>> b : batches) {
            List<List<Object>> rows = new ArrayList<>();
            for (List<Object> r : b) {
                List<Object> row = new ArrayList<>(r);
                row.add(0);
                row.add(offset++);
                row.add(0L);
                row.add(0L);
                rows.add(row);
            }
            full.add(rows);
        }
        data.put(name, full);
        return def;
    }

    /** A scan of every payload column of {@code relation}. */
    public ScanNode scan(RelationDef relation) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < relation.columns().size(); i++) {
            idx.add(i);
        }
        return new ScanNode(relation, idx, new RowSchema(relation.columns()));
    }

    @Override
    public BatchSource create(ScanNode scan, OperatorContext context) {
        List<List<List<Object>>> batches = data.get(scan.relation().name());
        return new BatchSource() {
            private OperatorContext ctx;
            private volatile boolean cancelled;
            private int next;
            private boolean endSent;

            @Override
            public void open(OperatorContext c) {
                this.ctx = c;
            }

            @Override
            public void run(Output output) {
                while (next < batches.size()) {
                    List<List<Object>> batch = batches.get(next);
                    if (cancelled) {
                        return;
                    }
                    List<List<Object>> rows = new ArrayList<>();
                    for (List<Object> full : batch) {
                        List<Object> r = new ArrayList<>();
                        for (int c : scan.columns()) {
                            r.add(full.get(c));
                        }
                        rows.add(r);
                    }
                    try (VectorSchemaRoot root = Vectors.fromRows(scan.schema(), rows, ctx.allocator())) {
                        batchesEmitted.incrementAndGet();
                        next++;
                        output.emit(root);
                    }
                }
                if (!endSent) {
                    endSent = true;
                    output.watermark(Long.MAX_VALUE);
                }
                output.finish();
            }

            @Override
            public void snapshot(DataOutputStream out) throws IOException {
                out.writeInt(next);
                out.writeBoolean(endSent);
            }

            @Override
            public void restore(DataInputStream in) throws IOException {
                next = in.readInt();
                endSent = in.readBoolean();
            }

            @Override
            public void cancel() {
                cancelled = true;
            }

            @Override
            public void close() {}
        };
    }

    public static List<Column> columns(Object... nameTypePairs) {
        return Schemas.of(nameTypePairs).columns();
    }
}
