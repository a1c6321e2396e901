package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * GROUP BY over a bounded input: each batch's rows get group ids from a {@link GroupByHash} over the
 * key columns, then every aggregate call folds its (optionally filtered) argument values into
 * per-group arrays. When the input ends it emits the groups in order of first appearance, keys then
 * one column per call. Without group keys there is exactly one group, so even empty input yields
 * one row. Single-threaded.
 */
public final class HashAggregateOperator implements Operator {
    private final List<Integer> groupKeys;
    private final List<AggregateCall> calls;
    private final List<DataType> inputTypes;
    private final RowSchema outputSchema;
    private GroupByHash groups;
    private GroupedAggregates aggregates;
    private Output output;
    private long watermark = Long.MIN_VALUE;
    private OperatorContext context;
    private int[] groupIds = new int[0];
    private int[] allRows = new int[0];

    public HashAggregateOperator(List<Integer> groupKeys, List<AggregateCall> calls, RowSchema inputSchema,
            RowSchema outputSchema) {
        this.groupKeys = List.copyOf(groupKeys);
        this.calls = List.copyOf(calls);
        this.inputTypes = new ArrayList<>();
        for (Column c : inputSchema.columns()) {
            inputTypes.add(c.type());
        }
        this.outputSchema = outputSchema;
    }

    public static HashAggregateOperator forNode(AggregateNode node) {
        return new HashAggregateOperator(node.groupKeys(), node.calls(), node.input().schema(), node.schema());
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.output = output;
        List<DataType> keyTypes = new ArrayList<>();
        for (int k : groupKeys) {
            keyTypes.add(inputTypes.get(k));
        }
        this.groups = groupKeys.isEmpty() ? null : new GroupByHash(keyTypes, false);
        this.aggregates = new GroupedAggregates(calls, inputTypes);
    }

    private int groupCount() {
        return groups == null ? 1 : groups.groupCount();
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        if (rows == 0) {
            return;
        }
        if (allRows.length < rows) {
            int n = Math.max(rows, Vectors.MAX_BATCH_ROWS);
            allRows = new int[n];
            for (int i = 0; i < n; i++) {
                allRows[i] = i;
            }
            groupIds = new int[n];
        }
        if (groups == null) {
            Arrays.fill(groupIds, 0, rows, 0);
        } else {
            FieldVector[] keys = new FieldVector[groupKeys.size()];
            for (int k = 0; k < keys.length; k++) {
                keys[k] = batch.getVector(groupKeys.get(k));
            }
            groups.assign(keys, null, allRows, rows, groupIds);
        }
        aggregates.ensureGroups(groupCount());
        aggregates.add(groupIds, allRows, rows, batch);
    }

    /**
     * Holds the watermark: every row this operator emits comes at the end, so passing time on
     * earlier would make those rows late downstream. The last one is forwarded after them.
     */
    @Override
    public void onWatermark(int input, long watermark) {
        this.watermark = Math.max(this.watermark, watermark);
    }

    @Override
    public void onEndOfInput(int input) {
        int total = groupCount();
        aggregates.ensureGroups(total);
        try (VectorSchemaRoot out = Vectors.newRoot(outputSchema, context.allocator())) {
            for (int first = 0; first < total; first += Vectors.MAX_BATCH_ROWS) {
                int count = Math.min(Vectors.MAX_BATCH_ROWS, total - first);
                Vectors.allocate(out, count);
                for (int k = 0; k < groupKeys.size(); k++) {
                    groups.keyColumn(k).writeRange(first, count, out.getVector(k));
                }
                aggregates.write(first, count, out, groupKeys.size());
                out.setRowCount(count);
                output.emit(out);
            }
        }
        if (watermark != Long.MIN_VALUE) {
            output.watermark(watermark);
        }
        output.finish();
    }

    @Override
    public boolean needsMoreInput() {
        return output.needsMoreInput();
    }

    /** Approximate heap bytes of the group table and accumulators. */
    public long retainedBytes() {
        return (groups == null ? 0 : groups.retainedBytes()) + (aggregates == null ? 0 : aggregates.retainedBytes());
    }

    @Override
    public void close() {
        groups = null;
        aggregates = null;
    }
}
