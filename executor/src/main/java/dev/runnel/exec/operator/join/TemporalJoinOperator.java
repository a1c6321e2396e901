package dev.runnel.exec.operator.join;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.CompiledFilter;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.ProjectingEmitter;
import dev.runnel.exec.operator.WatermarkCombiner;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.TemporalJoinNode;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A temporal join ({@link TemporalJoinNode}): input 0 are the rows to join (the
 * probe side), input 1 the changes of the TABLE (upserts and deletions by primary key, as a
 * changes scan gives them, the time a version is valid from in one column). The table's versions
 * are kept per key ({@link VersionedTable}); a probe row waits until the watermark (the minimum of
 * both inputs', as Flink's temporal join) reaches its time, then joins the version of its key valid
 * at that time: emitted with its columns if there is one and the residual condition holds, with
 * NULLs for a LEFT join otherwise. Rows leave in order of their time (arrival order among equal
 * times), before the watermark is passed on; when both inputs ended, every waiting row leaves.
 * A probe row already behind the watermark leaves at once, against the versions kept (pruned up to
 * the watermark, so it may see a newer one than at its time); a row with a NULL time joins nothing
 * and is counted ({@code rowsWithoutTime}).
 *
 * <p>As of {@code PROCTIME()} ({@link TemporalJoinNode#processingTime()}), a lookup join: the
 * table's changes keep only each key's current row, and a probe row joins it at once, when it
 * arrives; later changes of the table do not revise it. The probe side's watermarks pass through.
 * The plan reads the table up to its end before the first probe row (see {@code PlanBuilder}).
 *
 * <p>State ({@link #snapshot}): a layout version (byte), the watermarks ({@link WatermarkCombiner}),
 * the versioned table, the waiting rows ({@link RowBuffer#snapshot}) with their times and key ids.
 * State bytes are reported after each batch. Single-threaded.
 */
public final class TemporalJoinOperator implements Operator {
    private static final int STATE_VERSION = 1;
    private final TemporalJoinNode node;
    private final ExprCompiler compiler;
    private final RowSchema left;
    private final RowSchema output;
    private final int[] leftKeys;
    private final int[] rightKeys;
    private final List<DataType> leftTypes;
    private OperatorContext context;
    private Output out;
    private WatermarkCombiner watermarks;
    private VersionedTable table;
    private CompiledFilter residual;
    private ProjectingEmitter emitter;
    private RowBuffer waiting;
    private long[] waitTimes = new long[64];
    private int[] waitKeys = new int[64];
    private int[] selection = new int[Vectors.MAX_BATCH_ROWS];

    public TemporalJoinOperator(TemporalJoinNode node, ExprCompiler compiler) {
        this.node = node;
        this.compiler = compiler;
        this.left = node.left().schema();
        this.output = node.schema();
        this.leftKeys = node.leftKeys().stream().mapToInt(Integer::intValue).toArray();
        this.rightKeys = node.rightKeys().stream().mapToInt(Integer::intValue).toArray();
        this.leftTypes = left.columns().stream().map(Column::type).toList();
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.out = output;
        this.watermarks = new WatermarkCombiner(2);
        RowSchema right = node.right().schema();
        this.table = new VersionedTable(Arrays.stream(rightKeys).mapToObj(k -> right.get(k).type()).toList(),
                right.columns().subList(0, node.rightOutput()).stream().map(Column::type).toList());
        this.waiting = new RowBuffer(leftTypes);
        this.residual = node.condition().map(c -> compiler.filter(c, this.output, context)).orElse(null);
        this.emitter = ProjectingEmitter.copying(compiler, this.output, context);
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        if (n == 0) {
            return;
        }
        context.metrics().addRowsIn(n);
        if (input == 1) {
            table.add(batch, rightKeys, node.rightTime(), node.right().schema().size(),
                    node.processingTime() ? Long.MAX_VALUE : watermarks.current());
        } else {
            waitFor(batch, n);
            if (node.processingTime()) {
                emitUpTo(Long.MAX_VALUE); // a lookup: every row joins its key's current row now
            } else if (watermarks.current() != Long.MIN_VALUE) {
                emitUpTo(watermarks.current()); // rows already behind the watermark leave now
            }
        }
        context.metrics().stateBytes(table.retainedBytes() + waiting.retainedBytes() + 12L * waitTimes.length);
    }

    /** Keeps the probe rows with a time, with their time and key id. */
    private void waitFor(VectorSchemaRoot batch, int n) {
        FieldVector[] keys = new FieldVector[leftKeys.length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = batch.getVector(leftKeys[k]);
        }
        int[] ids = table.keyIds(keys, n);
        TimeStampMilliVector time = node.processingTime() ? null : (TimeStampMilliVector) batch.getVector(node.leftTime());
        int[] kept = new int[n];
        int count = 0;
        int base = waiting.size();
        if (waitTimes.length < base + n) {
            waitTimes = Arrays.copyOf(waitTimes, Math.max(base + n, waitTimes.length * 2));
            waitKeys = Arrays.copyOf(waitKeys, waitTimes.length);
        }
        for (int i = 0; i < n; i++) {
            if (time != null && time.isNull(i)) {
                context.metrics().addRowsWithoutTime(1);
                continue;
            }
            waitTimes[base + count] = time == null ? Long.MAX_VALUE : time.get(i);
            waitKeys[base + count] = JoinKeys.anyNull(keys, i) ? -1 : ids[i];
            kept[count++] = i;
        }
        waiting.appendRows(batch, kept, count);
    }

    /** Emits the waiting rows whose time is not after {@code watermark}, in time order, and keeps the rest. */
    private void emitUpTo(long watermark) {
        int n = waiting.size();
        int[] ready = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (waitTimes[i] <= watermark) {
                ready[count++] = i;
            }
        }
        if (count == 0) {
            return;
        }
        sortByTime(ready, count);
        for (int from = 0; from < count; from += Vectors.MAX_BATCH_ROWS) {
            emit(ready, from, Math.min(count, from + Vectors.MAX_BATCH_ROWS));
        }
        RowBuffer rest = new RowBuffer(leftTypes);
        int r = 0;
        for (int i = 0; i < n; i++) {
            if (waitTimes[i] > watermark) {
                rest.appendFrom(waiting, i);
                waitTimes[r] = waitTimes[i];
                waitKeys[r++] = waitKeys[i];
            }
        }
        waiting = rest;
    }

    /** Joins waiting rows {@code ready[from..to)} with their versions and emits them. */
    private void emit(int[] ready, int from, int to) {
        int[] rows = new int[to - from];
        int[] matches = new int[to - from];
        int n = 0;
        boolean allMatched = true;
        for (int i = from; i < to; i++) {
            int w = ready[i];
            int match = waitKeys[w] < 0 ? -1 : table.rowAt(waitKeys[w], waitTimes[w]);
            if (match < 0 && node.kind() == JoinKind.INNER) {
                continue;
            }
            allMatched &= match >= 0;
            rows[n] = w;
            matches[n++] = match;
        }
        if (n == 0) {
            return;
        }
        try (VectorSchemaRoot batch = Vectors.newRoot(output, context.allocator())) {
            Vectors.allocate(batch, n);
            waiting.write(rows, 0, n, batch, 0);
            RowBuffer versions = table.rows();
            if (allMatched) {
                versions.write(matches, 0, n, batch, left.size());
            } else {
                for (int c = 0; c < node.rightOutput(); c++) {
                    FieldVector v = batch.getVector(left.size() + c);
                    for (int i = 0; i < n; i++) {
                        if (matches[i] >= 0) {
                            versions.column(c).write(matches[i], v, i);
                        } else {
                            v.setNull(i);
                        }
                    }
                }
            }
            batch.setRowCount(n);
            if (residual == null) {
                context.metrics().addRowsOut(n);
                out.emit(batch);
                return;
            }
            int kept = residual.filter(batch, n, selection);
            if (node.kind() == JoinKind.INNER) {
                context.metrics().addRowsOut(kept);
                if (kept == n) {
                    out.emit(batch);
                } else if (kept > 0) {
                    emitter.emit(batch, selection, kept, out);
                }
                return;
            }
            // LEFT: a version for which the condition does not hold is no match
            int s = 0;
            for (int i = 0; i < n; i++) {
                if (s < kept && selection[s] == i) {
                    s++;
                } else {
                    for (int c = 0; c < node.rightOutput(); c++) {
                        batch.getVector(left.size() + c).setNull(i);
                    }
                }
            }
            context.metrics().addRowsOut(n);
            out.emit(batch);
        }
    }

    /** Sorts {@code idx[0..n)} by their waiting time, stably (a merge sort: no boxing). */
    private void sortByTime(int[] idx, int n) {
        int[] tmp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                int k = lo;
                while (a < mid && b < hi) {
                    tmp[k++] = waitTimes[idx[b]] < waitTimes[idx[a]] ? idx[b++] : idx[a++];
                }
                while (a < mid) {
                    tmp[k++] = idx[a++];
                }
                while (b < hi) {
                    tmp[k++] = idx[b++];
                }
                System.arraycopy(tmp, lo, idx, lo, hi - lo);
            }
        }
    }

    @Override
    public void onWatermark(int input, long watermark) {
        if (node.processingTime()) { // the probe side's event time goes on; the table's has no part in it
            if (input == 0) {
                out.watermark(watermark);
            }
            return;
        }
        long w = watermarks.onWatermark(input, watermark);
        if (w != WatermarkCombiner.NONE) {
            emitUpTo(w);
            out.watermark(w);
        }
    }

    @Override
    public void onEndOfInput(int input) {
        if (node.processingTime()) {
            watermarks.onEnd(input);
            if (watermarks.allEnded()) {
                out.finish();
            }
            return;
        }
        long w = watermarks.onEnd(input);
        if (w != WatermarkCombiner.NONE) {
            emitUpTo(w);
        }
        if (watermarks.allEnded()) {
            emitUpTo(Long.MAX_VALUE);
            if (w != WatermarkCombiner.NONE) {
                out.watermark(w);
            }
            out.finish();
        } else if (w != WatermarkCombiner.NONE) {
            out.watermark(w);
        }
    }

    @Override
    public boolean needsMoreInput() {
        return out.needsMoreInput();
    }

    @Override
    public void snapshot(DataOutputStream o) throws IOException {
        StateIO.writeVersion(o, STATE_VERSION);
        watermarks.snapshot(o);
        table.snapshot(o);
        waiting.snapshot(o);
        StateIO.writeLongs(o, waitTimes, 0, waiting.size());
        StateIO.writeInts(o, waitKeys, 0, waiting.size());
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, STATE_VERSION, "a temporal join");
        watermarks.restore(in);
        table.restore(in);
        waiting.restore(in);
        int n = waiting.size();
        waitTimes = new long[Math.max(64, n)];
        waitKeys = new int[waitTimes.length];
        StateIO.readLongs(in, waitTimes, 0, n);
        StateIO.readInts(in, waitKeys, 0, n);
    }

    @Override
    public void close() {
        if (emitter != null) {
            emitter.close();
        }
        table = null;
        waiting = null;
    }
}
