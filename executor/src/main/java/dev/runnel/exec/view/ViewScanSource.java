package dev.runnel.exec.view;

import dev.runnel.exec.arrow.RowGather;
import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.BatchSource;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A scan of a materialized view. Bounded (a pull query): the view's rows at the moment the scan
 * starts, or only the rows of the given keys (a point lookup), then the end. Unbounded (a push query
 * on the view, or a view on this view): a changelog — the rows at subscription time as inserts, then
 * every change the view's job applies, until cancelled. A subscriber that falls more than
 * {@link #MAX_PENDING_ROWS} rows behind is dropped with a clear error rather than holding the view's
 * job back or growing without bound. Run on one thread; {@link #cancel} from any.
 */
public final class ViewScanSource implements BatchSource {
    /** How far (in rows) an unbounded scan may fall behind the view before it fails. */
    static final long MAX_PENDING_ROWS = 4_000_000;

    private final ViewTable table;
    private final ScanNode scan;
    private final boolean unbounded;
    private final List<List<Object>> lookupKeys;
    private final String viewName;
    private final LongConsumer consumed;
    private OperatorContext context;
    private volatile boolean cancelled;
    private Follower follower;

    /**
     * @param lookupKeys the key values to look up (one list per key, in the view's key column order),
     *     or null to scan every row
     * @param consumed told, unbounded, the view version (see {@link ViewTable#version}) every change up
     *     to which has gone through the pipeline: how far a view on this view has caught up
     */
    public ViewScanSource(String viewName, ViewTable table, ScanNode scan, boolean unbounded,
            List<List<Object>> lookupKeys, LongConsumer consumed) {
        this.viewName = viewName;
        this.consumed = consumed;
        this.table = table;
        this.scan = scan;
        this.unbounded = unbounded;
        this.lookupKeys = lookupKeys;
    }

    @Override
    public void open(OperatorContext context) {
        this.context = context;
    }

    @Override
    public void run(Output output) {
        if (!unbounded) {
            for (VectorSchemaRoot b : read()) {
                try (b) {
                    if (!cancelled) {
                        emit(b, false, output);
                    }
                }
            }
            if (!cancelled) {
                output.watermark(Long.MAX_VALUE);
                output.finish();
            }
            return;
        }
        follower = new Follower();
        table.subscribe(follower, context.allocator());
        try {
            while (!cancelled) {
                Change c = follower.queue.poll(50, TimeUnit.MILLISECONDS);
                if (follower.failure != null) {
                    throw follower.failure;
                }
                if (c != null) {
                    try (VectorSchemaRoot b = c.batch()) {
                        follower.pending.addAndGet(-b.getRowCount());
                        if (b.getRowCount() > 0) {
                            emit(b, true, output);
                        }
                    }
                    if (c.last()) {
                        consumed.accept(c.version());
                    }
                } else {
                    output.idle();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            table.unsubscribe(follower);
            drain();
        }
    }

    private List<VectorSchemaRoot> read() {
        if (lookupKeys == null) {
            return table.scan(context.allocator());
        }
        int[] key = table.keyColumns();
        List<Column> keyColumns = new ArrayList<>();
        for (int k : key) {
            keyColumns.add(table.schema().get(k));
        }
        try (VectorSchemaRoot keys = Vectors.fromRows(new RowSchema(keyColumns), lookupKeys, context.allocator())) {
            return table.lookup(keys, context.allocator());
        }
    }

    /** Emits the scan's columns of {@code b} (the view's columns, then the change kind when {@code changelog}). */
    private void emit(VectorSchemaRoot b, boolean changelog, Output output) {
        List<FieldVector> picked = new ArrayList<>();
        List<TransferPair> transfers = new ArrayList<>();
        for (int c : scan.columns()) {
            TransferPair t = b.getVector(c).getTransferPair(context.allocator());
            transfers.add(t);
        }
        if (changelog) {
            transfers.add(b.getVector(table.schema().size()).getTransferPair(context.allocator()));
        }
        for (TransferPair t : transfers) {
            t.splitAndTransfer(0, b.getRowCount());
            picked.add((FieldVector) t.getTo());
        }
        try (VectorSchemaRoot out = new VectorSchemaRoot(picked)) {
            out.setRowCount(b.getRowCount());
            output.emit(out);
        }
    }

    private void drain() {
        if (follower == null) {
            return;
        }
        for (Change c; (c = follower.queue.poll()) != null; ) {
            c.batch().close();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        throw new UnsupportedOperationException("a scan of materialized view " + viewName
                + " cannot checkpoint its position yet");
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        throw new UnsupportedOperationException("a scan of materialized view " + viewName
                + " cannot restore a checkpoint yet");
    }

    @Override
    public void close() {
        drain();
    }

    /** A batch of changes this scan owns; {@code last} when the view is at {@code version} after it. */
    private record Change(VectorSchemaRoot batch, long version, boolean last) {}

    /** Copies the view's changes, as they are applied, into batches this scan owns. */
    private final class Follower implements ViewTable.Subscription {
        final LinkedBlockingQueue<Change> queue = new LinkedBlockingQueue<>();
        final AtomicLong pending = new AtomicLong();
        volatile RunnelSqlException failure;

        @Override
        public void snapshot(List<VectorSchemaRoot> rows, long version) {
            if (rows.isEmpty()) {
                add(Vectors.newRoot(Changelog.withOp(table.schema()), context.allocator()), version, true);
            }
            for (int i = 0; i < rows.size(); i++) {
                VectorSchemaRoot b = rows.get(i);
                try (b) {
                    int n = b.getRowCount();
                    VectorSchemaRoot c = Vectors.newRoot(Changelog.withOp(table.schema()), context.allocator());
                    for (int col = 0; col < table.schema().size(); col++) {
                        b.getVector(col).makeTransferPair(c.getVector(col)).transfer();
                    }
                    FieldVector ops = c.getVector(table.schema().size());
                    Vectors.allocate(ops, n);
                    for (int r = 0; r < n; r++) {
                        Changelog.setOp((org.apache.arrow.vector.IntVector) ops, r, Changelog.INSERT);
                    }
                    c.setRowCount(n);
                    add(c, version, i == rows.size() - 1);
                }
            }
        }

        @Override
        public void offer(VectorSchemaRoot changes, long version) {
            if (failure != null || cancelled) {
                return;
            }
            if (pending.get() + changes.getRowCount() > MAX_PENDING_ROWS) {
                failure = new RunnelSqlException("53000", "this reader of materialized view " + viewName + " fell more"
                        + " than " + MAX_PENDING_ROWS + " changes behind it and was stopped; read faster or"
                        + " filter more", SourcePos.UNKNOWN);
                return;
            }
            int n = changes.getRowCount();
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            VectorSchemaRoot copy = Vectors.newRoot(Changelog.withOp(table.schema()), context.allocator());
            RowGather.gather(changes, all, n, copy);
            add(copy, version, true);
        }

        private void add(VectorSchemaRoot b, long version, boolean last) {
            pending.addAndGet(b.getRowCount());
            queue.add(new Change(b, version, last));
        }
    }
}
