package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.arrow.RowGather;
import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateNode;
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
 * GROUP BY: each batch's rows get group ids from a {@link GroupByHash} over the key columns, then
 * every aggregate call folds its (optionally filtered) argument values into per-group arrays.
 *
 * <p>Over a changelog input ({@link Changelog}), rows that retract are taken back out of their
 * group's accumulators, and a group whose every row was retracted is gone. Two ways to emit:
 * <ul>
 *   <li><b>at the end</b> (bounded input, pull queries): when the input ends, one row per group, in
 *       order of first appearance, keys then one column per call. Without group keys there is
 *       exactly one group, so even empty input yields one row. The output is append-only.</li>
 *   <li><b>continuously</b> (push queries, jobs, views): after each input batch, the changes of
 *       the groups the batch touched, as a changelog: {@code +I} for a new group, {@code -U} old
 *       row then {@code +U} new row for a changed one, {@code -D} for a group that lost its last
 *       row; a group whose result did not change emits nothing (as Flink's group aggregate). A
 *       global aggregate emits its first row with the first input row.</li>
 * </ul>
 * State ({@link #snapshot}): a layout version (byte), the watermark held (long), the group count
 * {@code n} (int), the group table (with group keys), every call's accumulators for the {@code n}
 * groups, the {@code n} live-row counts (longs), whether it emits continuously (boolean) and then a
 * bit per group for whether the group's row is out. Single-threaded.
 */
public final class HashAggregateOperator implements Operator {
    private final List<Integer> groupKeys;
    private final List<AggregateCall> calls;
    private final List<DataType> inputTypes;
    private final RowSchema outputSchema;
    private final boolean changelogInput;
    private final boolean continuous;
    private GroupByHash groups;
    private GroupedAggregates aggregates;
    private Output output;
    private long watermark = Long.MIN_VALUE;
    private OperatorContext context;
    private int[] groupIds = new int[0];
    private int[] allRows = new int[0];
    private int[] adds = new int[0];
    private int[] retracts = new int[0];
    /** Live input rows per group; only kept over a changelog input or when emitting continuously. */
    private long[] rowCounts = new long[16];
    private Changes changes;

    public HashAggregateOperator(List<Integer> groupKeys, List<AggregateCall> calls, RowSchema inputSchema,
            RowSchema outputSchema) {
        this(groupKeys, calls, inputSchema, outputSchema, false, false);
    }

    /**
     * @param changelogInput whether input batches carry a change kind (see {@link Changelog})
     * @param continuous whether to emit changes after every batch (else once, at the end)
     */
    public HashAggregateOperator(List<Integer> groupKeys, List<AggregateCall> calls, RowSchema inputSchema,
            RowSchema outputSchema, boolean changelogInput, boolean continuous) {
        this.groupKeys = List.copyOf(groupKeys);
        this.calls = List.copyOf(calls);
        this.inputTypes = new ArrayList<>();
        for (Column c : inputSchema.columns()) {
            inputTypes.add(c.type());
        }
        this.outputSchema = outputSchema;
        this.changelogInput = changelogInput;
        this.continuous = continuous;
    }

    public static HashAggregateOperator forNode(AggregateNode node) {
        return new HashAggregateOperator(node.groupKeys(), node.calls(), node.input().schema(), node.schema());
    }

    /** The operator for {@code node}, over a changelog input or not, emitting at the end or continuously. */
    public static HashAggregateOperator forNode(AggregateNode node, boolean changelogInput, boolean continuous) {
        return new HashAggregateOperator(node.groupKeys(), node.calls(), node.input().schema(), node.schema(),
                changelogInput, continuous);
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
        this.aggregates = new GroupedAggregates(calls, inputTypes, changelogInput);
        if (continuous) {
            changes = new Changes(context);
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
            adds = new int[n];
            retracts = new int[n];
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
        int total = groupCount();
        aggregates.ensureGroups(total);
        if (rowCounts.length < total) {
            rowCounts = Arrays.copyOf(rowCounts, Accumulator.capacity(rowCounts.length, total));
        }
        if (continuous) {
            changes.before(groupIds, rows, total);
        }
        if (!changelogInput) {
            aggregates.add(groupIds, allRows, rows, batch);
            for (int r = 0; r < rows; r++) {
                rowCounts[groupIds[r]]++;
            }
        } else {
            IntVector ops = Changelog.ops(batch, inputTypes.size());
            int added = Changelog.split(ops, rows, adds, retracts);
            aggregates.add(groupIds, adds, added, batch);
            aggregates.retract(groupIds, retracts, rows - added, batch);
            for (int k = 0; k < added; k++) {
                rowCounts[groupIds[adds[k]]]++;
            }
            for (int k = 0; k < rows - added; k++) {
                rowCounts[groupIds[retracts[k]]]--;
            }
        }
        if (continuous) {
            changes.after();
        }
    }

    /**
     * Emitting at the end, holds the watermark: every row comes at the end, so passing time on
     * earlier would make those rows late downstream; the last one is forwarded after them.
     * Emitting continuously, every change is out by the time a watermark arrives, so it passes on.
     */
    @Override
    public void onWatermark(int input, long watermark) {
        this.watermark = Math.max(this.watermark, watermark);
        if (continuous) {
            output.watermark(watermark);
        }
    }

    @Override
    public void onEndOfInput(int input) {
        if (!continuous) {
            emitAll();
            if (watermark != Long.MIN_VALUE) {
                output.watermark(watermark);
            }
        }
        output.finish();
    }

    private void emitAll() {
        int total = groupCount();
        aggregates.ensureGroups(total);
        int[] live = null;
        int count = total;
        if (changelogInput && groups != null) {
            // groups whose every row was retracted are gone
            live = new int[total];
            count = 0;
            for (int g = 0; g < total; g++) {
                if (rowCounts[g] > 0) {
                    live[count++] = g;
                }
            }
        }
        try (VectorSchemaRoot out = Vectors.newRoot(outputSchema, context.allocator())) {
            for (int first = 0; first < count; first += Vectors.MAX_BATCH_ROWS) {
                int n = Math.min(Vectors.MAX_BATCH_ROWS, count - first);
                Vectors.allocate(out, n);
                if (live == null) {
                    for (int k = 0; k < groupKeys.size(); k++) {
                        groups.keyColumn(k).writeRange(first, n, out.getVector(k));
                    }
                    aggregates.write(first, n, out, groupKeys.size());
                } else {
                    int[] selected = Arrays.copyOfRange(live, first, first + n);
                    for (int k = 0; k < groupKeys.size(); k++) {
                        groups.keyColumn(k).write(selected, 0, n, out.getVector(k));
                    }
                    aggregates.write(selected, n, out, groupKeys.size());
                }
                out.setRowCount(n);
                output.emit(out);
            }
        }
    }

    @Override
    public boolean needsMoreInput() {
        return output.needsMoreInput();
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIO.writeVersion(out, 1);
        out.writeLong(watermark);
        int total = groupCount();
        aggregates.ensureGroups(total);
        if (rowCounts.length < total) {
            rowCounts = Arrays.copyOf(rowCounts, Accumulator.capacity(rowCounts.length, total));
        }
        out.writeInt(total);
        if (groups != null) {
            groups.snapshot(out);
        }
        aggregates.snapshot(out, total);
        StateIO.writeLongs(out, rowCounts, 0, total);
        out.writeBoolean(continuous);
        if (continuous) {
            changes.snapshot(out, total);
        }
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, 1, "a GROUP BY");
        watermark = in.readLong();
        int total = StateIO.readCount(in, "groups");
        if (groups != null) {
            groups.restore(in);
            if (groups.groupCount() != total) {
                throw new IOException("damaged GROUP BY state: " + groups.groupCount() + " keys for " + total + " groups");
            }
        } else if (total != 1) {
            throw new IOException("the checkpoint holds " + total + " groups for a GROUP BY without keys");
        }
        aggregates.restore(in, total);
        rowCounts = new long[Accumulator.capacity(16, total)];
        StateIO.readLongs(in, rowCounts, 0, total);
        if (in.readBoolean() != continuous) {
            throw new IOException("the checkpoint is of a GROUP BY that emits " + (continuous ? "at the end" : "continuously")
                    + ", this one emits " + (continuous ? "continuously" : "at the end"));
        }
        if (continuous) {
            changes.restore(in, total);
        }
    }

    /** Approximate heap bytes of the group table and accumulators. */
    public long retainedBytes() {
        return (groups == null ? 0 : groups.retainedBytes()) + (aggregates == null ? 0 : aggregates.retainedBytes())
                + 8L * rowCounts.length;
    }

    @Override
    public void close() {
        groups = null;
        aggregates = null;
        if (changes != null) {
            changes.close();
            changes = null;
        }
    }

    /**
     * The continuous mode's bookkeeping for one batch: which groups it touched (in order of first
     * touch), their rows before the batch is folded in (written out first) and after, and which
     * groups have a row out. Emits the old rows of changed groups ({@code -U}, or {@code -D} for a
     * group that is gone), then the new rows ({@code +U}, or {@code +I} for a new group): per group,
     * the retraction always comes before its replacement. Unchanged groups emit nothing.
     */
    private final class Changes implements AutoCloseable {
        private final VectorSchemaRoot oldRows;
        private final VectorSchemaRoot newRows;
        private final VectorSchemaRoot kept;
        private final int width;
        private boolean[] emitted = new boolean[16];
        private int[] touchedIn = new int[16];
        private int batchNo;
        private int[] touched = new int[0];
        private int touchedCount;
        private int[] before = new int[0];
        private int beforeCount;
        private int[] live = new int[0];
        private boolean[] unchangedOld = new boolean[0];
        private boolean[] unchangedNew = new boolean[0];
        private int[] selection = new int[0];
        private int[] newSelection = new int[0];

        Changes(OperatorContext ctx) {
            RowSchema changelog = Changelog.withOp(outputSchema);
            this.width = outputSchema.size();
            this.oldRows = Vectors.newRoot(changelog, ctx.allocator());
            this.newRows = Vectors.newRoot(changelog, ctx.allocator());
            this.kept = Vectors.newRoot(changelog, ctx.allocator());
        }

        /** Writes which of groups {@code [0, total)} have their row out: a bit each. */
        void snapshot(DataOutputStream out, int total) throws IOException {
            ensureGroups(total);
            StateIO.writeBits(out, emitted, 0, total);
        }

        void restore(DataInputStream in, int total) throws IOException {
            ensureGroups(total);
            StateIO.readBits(in, emitted, 0, total);
        }

        private void ensureGroups(int totalGroups) {
            if (emitted.length < totalGroups) {
                int c = Accumulator.capacity(emitted.length, totalGroups);
                emitted = Arrays.copyOf(emitted, c);
                touchedIn = Arrays.copyOf(touchedIn, c);
            }
        }

        /** Notes the groups of {@code ids[0..rows)} and writes the current rows of those that have one. */
        void before(int[] ids, int rows, int totalGroups) {
            ensureGroups(totalGroups);
            if (touched.length < rows) {
                touched = new int[rows];
                before = new int[rows];
                live = new int[rows];
                unchangedOld = new boolean[rows];
                unchangedNew = new boolean[rows];
                selection = new int[rows];
                newSelection = new int[rows];
            }
            batchNo++;
            touchedCount = 0;
            beforeCount = 0;
            for (int r = 0; r < rows; r++) {
                int g = ids[r];
                if (touchedIn[g] != batchNo) {
                    touchedIn[g] = batchNo;
                    touched[touchedCount++] = g;
                    if (emitted[g]) {
                        before[beforeCount++] = g;
                    }
                }
            }
            write(oldRows, before, beforeCount);
        }

        /** Writes the touched groups' new rows and emits what changed. */
        void after() {
            int liveCount = 0;
            for (int i = 0; i < touchedCount; i++) {
                int g = touched[i];
                if (rowCounts[g] > 0) {
                    live[liveCount++] = g;
                }
            }
            write(newRows, live, liveCount);
            IntVector oldOps = Changelog.ops(oldRows, width);
            IntVector newOps = Changelog.ops(newRows, width);
            int b = 0;
            int l = 0;
            int unchanged = 0;
            for (int i = 0; i < touchedCount; i++) {
                int g = touched[i];
                boolean had = emitted[g];
                boolean has = rowCounts[g] > 0;
                if (had && has) {
                    boolean same = sameRow(b, l);
                    unchangedOld[b] = same;
                    unchangedNew[l] = same;
                    unchanged += same ? 1 : 0;
                    Changelog.setOp(oldOps, b++, Changelog.UPDATE_BEFORE);
                    Changelog.setOp(newOps, l++, Changelog.UPDATE_AFTER);
                } else if (had) {
                    unchangedOld[b] = false;
                    Changelog.setOp(oldOps, b++, Changelog.DELETE);
                } else if (has) {
                    unchangedNew[l] = false;
                    Changelog.setOp(newOps, l++, Changelog.INSERT);
                }
                emitted[g] = has;
            }
            emit(beforeCount, liveCount, unchanged == 0 ? null : unchangedOld, unchangedNew);
        }

        private void write(VectorSchemaRoot target, int[] groupList, int count) {
            Vectors.allocate(target, count);
            for (int k = 0; k < groupKeys.size(); k++) {
                groups.keyColumn(k).write(groupList, 0, count, target.getVector(k));
            }
            aggregates.write(groupList, count, target, groupKeys.size());
            for (FieldVector v : target.getFieldVectors()) {
                v.setValueCount(count);
            }
            target.setRowCount(count);
        }

        private boolean sameRow(int oldRow, int newRow) {
            for (int c = 0; c < width; c++) {
                if (!Changelog.sameValue(oldRows.getVector(c), oldRow, newRows.getVector(c), newRow)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Emits the batch's changes as one batch: the old rows, then the new ones, leaving out the
         * pairs marked unchanged (when {@code skipOld} is not null). One batch, so that a receiver
         * applying it atomically (a view) never shows a group between its retraction and its new row.
         */
        private void emit(int oldCount, int newCount, boolean[] skipOld, boolean[] skipNew) {
            if (skipOld == null && oldCount == 0) {
                if (newCount > 0) {
                    output.emit(newRows);
                }
                return;
            }
            if (skipOld == null && newCount == 0) {
                output.emit(oldRows);
                return;
            }
            int nOld = select(oldCount, skipOld, selection, 0);
            int nNew = select(newCount, skipOld == null ? null : skipNew, newSelection, 0);
            if (nOld + nNew > 0) {
                RowGather.concat(oldRows, selection, nOld, newRows, newSelection, nNew, kept);
                output.emit(kept);
            }
        }

        private static int select(int count, boolean[] skip, int[] into, int n) {
            for (int i = 0; i < count; i++) {
                if (skip == null || !skip[i]) {
                    into[n++] = i;
                }
            }
            return n;
        }

        @Override
        public void close() {
            oldRows.close();
            newRows.close();
            kept.close();
        }
    }
}
