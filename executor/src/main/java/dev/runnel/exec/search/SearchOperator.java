package dev.runnel.exec.search;

import dev.runnel.exec.arrow.RowGather;
import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.RowSchema;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a stream's standing searches: takes the stream's events (its full row: payload, then
 * metadata columns) and emits one row per (event, matching search), {@code search_name} followed by
 * the event's payload columns, in event order, then search creation order. The searches come from a
 * {@link SearchSet}: when they change, the index ({@link SearchIndex}) is rebuilt before the next
 * batch, without restarting the job. Watermarks pass unchanged (a match has its event's time).
 *
 * <p>State: none of its own (the searches and the offsets they start at are in the catalog);
 * {@link #snapshot} writes a layout version only. Single-threaded.
 */
public final class SearchOperator implements Operator {
    private static final int STATE_VERSION = 1;

    private final SearchSet searches;
    private final boolean indexed;
    private final RowSchema input;
    private final int payloadColumns;
    private final RowSchema output;
    private final ExprCompiler compiler;
    private final int partitionColumn;
    private final int offsetColumn;
    private OperatorContext context;
    private Output out;
    private long version = -1;
    private SearchIndex index;
    private byte[][] names;
    private int[] rows = new int[0];

    /**
     * @param input the stream's full row
     * @param payloadColumns how many of its first columns are the event's own (the rest are metadata)
     */
    public SearchOperator(SearchSet searches, RowSchema input, int payloadColumns, ExprCompiler compiler) {
        this(searches, input, payloadColumns, compiler, true);
    }

    /** @param indexed false to evaluate every search on every event (the naive way, for comparison) */
    public SearchOperator(SearchSet searches, RowSchema input, int payloadColumns, ExprCompiler compiler,
            boolean indexed) {
        this.indexed = indexed;
        this.searches = searches;
        this.input = input;
        this.payloadColumns = payloadColumns;
        this.compiler = compiler;
        List<Column> cols = new ArrayList<>();
        cols.add(new Column("search_name", dev.runnel.sql.type.DataType.varchar().notNull()));
        cols.addAll(input.columns().subList(0, payloadColumns));
        this.output = new RowSchema(cols);
        List<String> names = input.columns().stream().map(Column::name).toList();
        this.partitionColumn = names.indexOf(dev.runnel.planner.catalog.MetadataColumns.PARTITION);
        this.offsetColumn = names.indexOf(dev.runnel.planner.catalog.MetadataColumns.OFFSET);
    }

    public RowSchema outputSchema() {
        return output;
    }

    /** The index as last built (null before the first batch). */
    public SearchIndex index() {
        return index;
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.out = output;
    }

    private void refresh() {
        SearchSet.Version v = searches.current();
        if (v.number() == version) {
            return;
        }
        index = new SearchIndex(v.searches(), input.columns(), partitionColumn, offsetColumn,
                e -> compiler.filter(e, input, context), indexed);
        names = new byte[v.searches().size()][];
        for (int i = 0; i < names.length; i++) {
            names[i] = v.searches().get(i).name().getBytes(StandardCharsets.UTF_8);
        }
        version = v.number();
    }

    @Override
    public void onBatch(int in, VectorSchemaRoot batch) {
        refresh();
        context.metrics().addRowsIn(batch.getRowCount());
        int n = index.match(batch);
        for (int from = 0; from < n; from += Vectors.MAX_BATCH_ROWS) {
            emit(batch, from, Math.min(n, from + Vectors.MAX_BATCH_ROWS));
        }
    }

    private void emit(VectorSchemaRoot batch, int from, int to) {
        int count = to - from;
        if (rows.length < count) {
            rows = new int[Math.max(count, 64)];
        }
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            rows[i] = index.row(from + i);
            bytes += names[index.search(from + i)].length;
        }
        try (VectorSchemaRoot result = VectorSchemaRoot.create(dev.runnel.exec.arrow.ArrowTypes.toSchema(output),
                context.allocator())) {
            VarCharVector name = (VarCharVector) result.getVector(0);
            name.allocateNew(Math.max(bytes, 1), count);
            for (int i = 0; i < count; i++) {
                name.set(i, names[index.search(from + i)]);
            }
            name.setValueCount(count);
            for (int c = 0; c < payloadColumns; c++) {
                RowGather.gather(batch.getVector(c), rows, count, result.getVector(c + 1));
            }
            result.setRowCount(count);
            context.metrics().addRowsOut(count);
            out.emit(result);
        }
    }

    @Override
    public void onWatermark(int in, long watermark) {
        out.watermark(watermark);
    }

    @Override
    public void onEndOfInput(int in) {
        out.finish();
    }

    /** Layout: one version byte; the searches and their start offsets live in the catalog. */
    @Override
    public void snapshot(DataOutputStream o) throws IOException {
        StateIO.writeVersion(o, STATE_VERSION);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, STATE_VERSION, "a search operator");
    }

    @Override
    public void close() {}
}
