package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Applies a changelog over bounded input: keeps the multiset of rows it adds net of those it
 * retracts (each distinct row once, with a multiplicity), and when the input ends emits what is
 * left, append-only, in order of first appearance. What a pull query returns over an updating
 * plan (a window under {@code late = 'update'} that corrected a result: only the final row), and
 * what feeds operators that take no changelog (sorts, joins) in a pull query. A retraction of a row
 * that is not there is a bug upstream and fails the query. State ({@link #snapshot}): a layout
 * version (byte), the watermark held (long), the distinct rows ({@link GroupByHash#snapshot}) and
 * their multiplicities (longs). Single-threaded.
 */
public final class ChangelogApplyOperator implements Operator {
    private final RowSchema schema;
    private final List<DataType> types = new ArrayList<>();
    private GroupByHash rows;
    private long[] multiplicity = new long[16];
    private int[] ids = new int[0];
    private int[] all = new int[0];
    private int[] adds = new int[0];
    private int[] retracts = new int[0];
    private Output output;
    private OperatorContext context;
    private long watermark = Long.MIN_VALUE;

    /** @param schema the data columns of the input (without the change kind) */
    public ChangelogApplyOperator(RowSchema schema) {
        this.schema = schema;
        for (Column c : schema.columns()) {
            types.add(c.type());
        }
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.output = output;
        this.rows = new GroupByHash(types, false);
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        if (n == 0) {
            return;
        }
        if (all.length < n) {
            all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            ids = new int[n];
            adds = new int[n];
            retracts = new int[n];
        }
        FieldVector[] columns = new FieldVector[types.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = batch.getVector(c);
        }
        rows.assign(columns, null, all, n, ids);
        int distinct = rows.groupCount();
        if (multiplicity.length < distinct) {
            multiplicity = Arrays.copyOf(multiplicity, Accumulator.capacity(multiplicity.length, distinct));
        }
        IntVector ops = Changelog.ops(batch, types.size());
        int added = Changelog.split(ops, n, adds, retracts);
        for (int k = 0; k < added; k++) {
            multiplicity[ids[adds[k]]]++;
        }
        for (int k = 0; k < n - added; k++) {
            if (--multiplicity[ids[retracts[k]]] < 0) {
                throw new IllegalStateException("a changelog retracted a row it never added");
            }
        }
    }

    /** Holds the watermark until its rows are out, as every operator that emits at the end. */
    @Override
    public void onWatermark(int input, long watermark) {
        this.watermark = Math.max(this.watermark, watermark);
    }

    @Override
    public void onEndOfInput(int input) {
        int distinct = rows.groupCount();
        int[] selected = new int[Vectors.MAX_BATCH_ROWS];
        try (VectorSchemaRoot out = Vectors.newRoot(schema, context.allocator())) {
            int n = 0;
            for (int id = 0; id < distinct; id++) {
                for (long m = multiplicity[id]; m > 0; m--) {
                    selected[n++] = id;
                    if (n == selected.length) {
                        emit(out, selected, n);
                        n = 0;
                    }
                }
            }
            if (n > 0) {
                emit(out, selected, n);
            }
        }
        if (watermark != Long.MIN_VALUE) {
            output.watermark(watermark);
        }
        output.finish();
    }

    private void emit(VectorSchemaRoot out, int[] selected, int n) {
        Vectors.allocate(out, n);
        for (int c = 0; c < types.size(); c++) {
            rows.keyColumn(c).write(selected, 0, n, out.getVector(c));
        }
        out.setRowCount(n);
        output.emit(out);
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIO.writeVersion(out, 1);
        out.writeLong(watermark);
        rows.snapshot(out);
        StateIO.writeLongs(out, multiplicity, 0, rows.groupCount());
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, 1, "a changelog apply");
        watermark = in.readLong();
        rows.restore(in);
        multiplicity = new long[Accumulator.capacity(16, rows.groupCount())];
        StateIO.readLongs(in, multiplicity, 0, rows.groupCount());
    }

    @Override
    public boolean needsMoreInput() {
        return output.needsMoreInput();
    }

    @Override
    public void close() {
        rows = null;
    }
}
