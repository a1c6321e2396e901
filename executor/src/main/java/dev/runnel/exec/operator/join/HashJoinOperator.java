package dev.runnel.exec.operator.join;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.CompiledFilter;
import dev.runnel.exec.expr.CompiledProjection;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.expr.fn.SqlErrors;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.ProjectingEmitter;
import dev.runnel.exec.operator.WatermarkCombiner;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An equi-join of bounded inputs: input 1 (right) is built into a {@link JoinHashTable} first, then
 * each batch of input 0 (left) probes it. Matching pairs are gathered into a batch of left columns
 * then right columns, where the compiled residual condition picks the true pairs. INNER/LEFT/RIGHT/
 * FULL emit pairs (outer kinds add unmatched rows padded with NULLs: left ones per probe batch,
 * right ones at the end); SEMI/ANTI emit left rows with/without a match. NULL keys never match.
 * State ({@link #snapshot}): a layout version (byte), both inputs' watermarks
 * ({@link WatermarkCombiner#snapshot}), whether the build side ended (boolean), the build rows (its
 * hash index is rebuilt on restore), and once built a bit per build row for whether it matched.
 * Single-threaded.
 */
public final class HashJoinOperator implements Operator {
    private final JoinKind kind;
    private final List<Integer> leftKeys;
    private final List<Integer> rightKeys;
    private final Optional<Expr> condition;
    private final RowSchema left;
    private final RowSchema right;
    private final RowSchema joined;
    private final RowSchema outputSchema;
    private final ExprCompiler compiler;

    private JoinHashTable table;
    private boolean built;
    private WatermarkCombiner watermarks;
    private Output output;
    private OperatorContext context;
    private CompiledFilter residual;
    private CompiledProjection leftCopy;
    private VectorSchemaRoot pairs;
    private ProjectingEmitter pairEmitter;
    private ProjectingEmitter leftEmitter;
    private final int[] pairLeft = new int[Vectors.MAX_BATCH_ROWS];
    private final int[] pairRight = new int[Vectors.MAX_BATCH_ROWS];
    private int pairCount;
    private int[] selection = new int[Vectors.MAX_BATCH_ROWS];
    private boolean[] probeMatched = new boolean[0];
    private boolean[] buildMatched = new boolean[0];
    private int[] hashes = new int[0];
    private int[] rowsScratch = new int[0];

    public HashJoinOperator(JoinKind kind, List<Integer> leftKeys, List<Integer> rightKeys, Optional<Expr> condition,
            RowSchema left, RowSchema right, RowSchema outputSchema, ExprCompiler compiler) {
        this.kind = kind;
        this.leftKeys = List.copyOf(leftKeys);
        this.rightKeys = List.copyOf(rightKeys);
        this.condition = condition;
        this.left = left;
        this.right = right;
        List<Column> all = new ArrayList<>(left.columns());
        all.addAll(right.columns());
        this.joined = new RowSchema(all);
        this.outputSchema = outputSchema;
        this.compiler = compiler;
        for (int k = 0; k < leftKeys.size(); k++) {
            DataType l = left.get(leftKeys.get(k)).type();
            DataType r = right.get(rightKeys.get(k)).type();
            if (JoinKeys.family(l) != JoinKeys.family(r)) {
                throw SqlErrors.unsupported("join key " + k + " compares " + l.toSql() + " with " + r.toSql());
            }
        }
    }

    public static HashJoinOperator forNode(HashJoinNode node, ExprCompiler compiler) {
        return new HashJoinOperator(node.kind(), node.leftKeys(), node.rightKeys(), node.condition(),
                node.left().schema(), node.right().schema(), node.schema(), compiler);
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.output = output;
        this.watermarks = new WatermarkCombiner(2);
        List<DataType> rightTypes = new ArrayList<>();
        for (Column c : right.columns()) {
            rightTypes.add(c.type());
        }
        this.table = new JoinHashTable(rightTypes, rightKeys);
        this.residual = condition.map(c -> compiler.filter(c, joined, context)).orElse(null);
        this.leftCopy = compiler.projection(ProjectingEmitter.identity(left), left, context);
        this.pairs = Vectors.newRoot(joined, context.allocator());
        this.pairEmitter = ProjectingEmitter.copying(compiler, joined, context);
        this.leftEmitter = ProjectingEmitter.copying(compiler, left, context);
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        if (input == 1) {
            if (built) {
                throw new IllegalStateException("build input sent a batch after it ended");
            }
            table.add(batch);
            return;
        }
        if (!built) {
            throw new IllegalStateException("probe input (0) sent a batch before the build input (1) ended");
        }
        probe(batch);
    }

    private void probe(VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        if (n == 0) {
            return;
        }
        if (probeMatched.length < n) {
            probeMatched = new boolean[n];
            hashes = new int[n];
            rowsScratch = new int[n];
            for (int i = 0; i < n; i++) {
                rowsScratch[i] = i;
            }
        }
        Arrays.fill(probeMatched, 0, n, false);
        Arrays.fill(hashes, 0, n, 0);
        FieldVector[] keys = new FieldVector[leftKeys.size()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = batch.getVector(leftKeys.get(k));
            table.keyColumn(k).hashInto(keys[k], rowsScratch, n, hashes);
        }
        boolean existenceOnly = residual == null && (kind == JoinKind.SEMI || kind == JoinKind.ANTI);
        for (int r = 0; r < n; r++) {
            if (JoinKeys.anyNull(keys, r)) {
                continue;
            }
            int h = JoinHashTable.spread(hashes[r]);
            for (int b = table.first(h); b >= 0; b = table.next(b)) {
                if (!table.matches(b, h, keys, r)) {
                    continue;
                }
                if (existenceOnly) {
                    probeMatched[r] = true;
                    break;
                }
                pairLeft[pairCount] = r;
                pairRight[pairCount] = b;
                if (++pairCount == Vectors.MAX_BATCH_ROWS) {
                    flushPairs(batch);
                }
            }
        }
        flushPairs(batch);
        emitProbeSide(batch, n);
    }

    /** Evaluates the gathered pairs: marks matches, emits the true pairs for the pair-producing kinds. */
    private void flushPairs(VectorSchemaRoot batch) {
        int n = pairCount;
        pairCount = 0;
        if (n == 0) {
            return;
        }
        context.checkCancelled(); // one probe batch can make millions of pairs
        FieldVector[] leftVectors = new FieldVector[left.size()];
        for (int c = 0; c < leftVectors.length; c++) {
            leftVectors[c] = pairs.getVector(c);
        }
        leftCopy.project(batch, pairLeft, 0, n, leftVectors);
        for (int c = 0; c < right.size(); c++) {
            Vectors.allocate(pairs.getVector(left.size() + c), n);
        }
        table.rows().write(pairRight, 0, n, pairs, left.size());
        pairs.setRowCount(n);
        int kept = JoinKeys.keep(residual, pairs, n, selection);
        boolean markBuild = kind == JoinKind.RIGHT || kind == JoinKind.FULL;
        for (int i = 0; i < kept; i++) {
            int p = selection[i];
            probeMatched[pairLeft[p]] = true;
            if (markBuild) {
                buildMatched[pairRight[p]] = true;
            }
        }
        if (kind == JoinKind.SEMI || kind == JoinKind.ANTI || kept == 0) {
            return;
        }
        if (kept == n) {
            output.emit(pairs);
        } else {
            pairEmitter.emit(pairs, selection, kept, output);
        }
    }

    /** Emits what depends only on the probe batch: unmatched rows (LEFT/FULL/ANTI) or matched rows (SEMI). */
    private void emitProbeSide(VectorSchemaRoot batch, int n) {
        boolean wantMatched = kind == JoinKind.SEMI;
        if (kind != JoinKind.LEFT && kind != JoinKind.FULL && kind != JoinKind.ANTI && !wantMatched) {
            return;
        }
        int count = 0;
        for (int r = 0; r < n; r++) {
            if (probeMatched[r] == wantMatched) {
                selection[count++] = r;
                if (count == selection.length) {
                    emitProbeRows(batch, count);
                    count = 0;
                }
            }
        }
        emitProbeRows(batch, count);
    }

    private void emitProbeRows(VectorSchemaRoot batch, int count) {
        if (count == 0) {
            return;
        }
        if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
            leftEmitter.emit(batch, selection, count, output);
            return;
        }
        FieldVector[] leftVectors = new FieldVector[left.size()];
        for (int c = 0; c < leftVectors.length; c++) {
            leftVectors[c] = pairs.getVector(c);
        }
        leftCopy.project(batch, selection, 0, count, leftVectors);
        for (int c = 0; c < right.size(); c++) {
            Vectors.allocate(pairs.getVector(left.size() + c), count); // all NULL
        }
        pairs.setRowCount(count);
        output.emit(pairs);
    }

    /**
     * Forwards the minimum of both inputs' watermarks, except for RIGHT and FULL joins, whose
     * unmatched build rows come only at the end: they hold it and forward it after those rows.
     */
    @Override
    public void onWatermark(int input, long watermark) {
        long w = watermarks.onWatermark(input, watermark);
        if (w != WatermarkCombiner.NONE && !holdsBuildRows()) {
            output.watermark(w);
        }
    }

    private boolean holdsBuildRows() {
        return kind == JoinKind.RIGHT || kind == JoinKind.FULL;
    }

    @Override
    public void onEndOfInput(int input) {
        long w = watermarks.onEnd(input);
        if (input == 1) {
            table.seal();
            built = true;
            buildMatched = new boolean[table.rows().size()];
            if (w != WatermarkCombiner.NONE && !holdsBuildRows()) {
                output.watermark(w);
            }
            return;
        }
        if (holdsBuildRows()) {
            emitUnmatchedBuildRows();
            if (watermarks.current() != Long.MIN_VALUE) {
                output.watermark(watermarks.current());
            }
        } else if (w != WatermarkCombiner.NONE) {
            output.watermark(w);
        }
        output.finish();
    }

    private void emitUnmatchedBuildRows() {
        int[] rows = new int[Vectors.MAX_BATCH_ROWS];
        int count = 0;
        for (int b = 0; b < buildMatched.length; b++) {
            if (!buildMatched[b]) {
                rows[count++] = b;
                if (count == rows.length) {
                    emitBuildRows(rows, count);
                    count = 0;
                }
            }
        }
        emitBuildRows(rows, count);
    }

    private void emitBuildRows(int[] rows, int count) {
        if (count == 0) {
            return;
        }
        for (int c = 0; c < left.size(); c++) {
            Vectors.allocate(pairs.getVector(c), count); // all NULL
        }
        for (int c = 0; c < right.size(); c++) {
            Vectors.allocate(pairs.getVector(left.size() + c), count);
        }
        table.rows().write(rows, 0, count, pairs, left.size());
        pairs.setRowCount(count);
        output.emit(pairs);
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIO.writeVersion(out, 1);
        watermarks.snapshot(out);
        out.writeBoolean(built);
        table.snapshot(out);
        if (built) {
            StateIO.writeBits(out, buildMatched, 0, buildMatched.length);
        }
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, 1, "a hash join");
        watermarks.restore(in);
        built = in.readBoolean();
        table.restore(in);
        if (built) {
            table.seal();
            buildMatched = new boolean[table.rows().size()];
            StateIO.readBits(in, buildMatched, 0, buildMatched.length);
        }
    }

    @Override
    public boolean needsMoreInput() {
        return output.needsMoreInput();
    }

    @Override
    public void close() {
        if (pairs != null) {
            pairs.close();
        }
        if (pairEmitter != null) {
            pairEmitter.close();
        }
        if (leftEmitter != null) {
            leftEmitter.close();
        }
        table = null;
    }
}
