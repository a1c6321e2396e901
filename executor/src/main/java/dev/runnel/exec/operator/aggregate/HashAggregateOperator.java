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
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
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
    private Accumulator[] accumulators;
    private Output output;
    private OperatorContext context;
    private int[] groupIds = new int[0];
    private int[] allRows = new int[0];
    private int[] filtered = new int[0];

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
        this.accumulators = new Accumulator[calls.size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = Accumulators.create(calls.get(i), inputTypes);
        }
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
            filtered = new int[n];
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
        int groupCount = groupCount();
        for (int i = 0; i < accumulators.length; i++) {
            AggregateCall call = calls.get(i);
            FieldVector[] args = new FieldVector[call.args().size()];
            for (int a = 0; a < args.length; a++) {
                args[a] = batch.getVector(call.args().get(a));
            }
            accumulators[i].ensureGroups(groupCount);
            if (call.filterArg() < 0) {
                accumulators[i].add(groupIds, allRows, rows, args);
            } else {
                int n = selectTrue(batch.getVector(call.filterArg()), rows);
                accumulators[i].add(groupIds, filtered, n, args);
            }
        }
    }

    /** Rows whose BOOLEAN filter column is TRUE, into {@code filtered}. */
    private int selectTrue(FieldVector filter, int rows) {
        ArrowBuf validity = filter.getValidityBuffer();
        ArrowBuf data = filter.getDataBuffer();
        int n = 0;
        for (int r = 0; r < rows; r++) {
            if ((BitVectorHelper.get(validity, r) & BitVectorHelper.get(data, r)) != 0) {
                filtered[n++] = r;
            }
        }
        return n;
    }

    @Override
    public void onEndOfInput(int input) {
        int total = groupCount();
        for (Accumulator a : accumulators) {
            a.ensureGroups(total);
        }
        try (VectorSchemaRoot out = Vectors.newRoot(outputSchema, context.allocator())) {
            for (int first = 0; first < total; first += Vectors.MAX_BATCH_ROWS) {
                int count = Math.min(Vectors.MAX_BATCH_ROWS, total - first);
                Vectors.allocate(out, count);
                for (int k = 0; k < groupKeys.size(); k++) {
                    groups.keyColumn(k).writeRange(first, count, out.getVector(k));
                }
                for (int i = 0; i < accumulators.length; i++) {
                    accumulators[i].write(first, count, out.getVector(groupKeys.size() + i));
                }
                out.setRowCount(count);
                output.emit(out);
            }
        }
        output.finish();
    }

    @Override
    public boolean needsMoreInput() {
        return output.needsMoreInput();
    }

    /** Approximate heap bytes of the group table and accumulators. */
    public long retainedBytes() {
        long b = groups == null ? 0 : groups.retainedBytes();
        for (Accumulator a : accumulators) {
            b += a.retainedBytes();
        }
        return b;
    }

    @Override
    public void close() {
        groups = null;
        accumulators = new Accumulator[0];
    }
}
