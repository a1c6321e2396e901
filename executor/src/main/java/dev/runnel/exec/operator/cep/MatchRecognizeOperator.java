package dev.runnel.exec.operator.cep;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.CompiledFilter;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.expr.ExprInterpreter;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.aggregate.GroupByHash;
import dev.runnel.exec.operator.cep.MatchPartition.Run;
import dev.runnel.exec.operator.sort.IntSorter;
import dev.runnel.exec.operator.sort.RowComparator;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.physical.MatchNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@code MATCH_RECOGNIZE} ({@link MatchNode}) over event time. Arriving rows
 * wait, per partition key, until the watermark reaches their time; then they go to the
 * {@link Matcher} in the order of the ORDER BY (time, then the other keys, then arrival), and every
 * match it finds becomes an output row (the measures, by {@link MatchEvaluator}), or one per row of
 * the match for ALL ROWS PER MATCH. A row whose time
 * is not after its {@code _watermark} (or after the watermark already processed) is late: dropped
 * and counted. Conditions that read the row alone are computed per input batch, compiled; the
 * others are interpreted per candidate. State: the waiting rows, and per partition the rows its
 * partial matches can still reach; without WITHIN a partial match lives until it fails. Output is
 * append-only.
 *
 * <p>State ({@link #snapshot}): a layout version, the row-fate counters, the watermark processed,
 * the partition keys ({@link GroupByHash}), the waiting rows ({@link RowBuffer}) with their times,
 * partition ids and condition bits, the row store, then each partition ({@link MatchPartition#snapshot}).
 * Single-threaded.
 */
public final class MatchRecognizeOperator implements Operator {
    private static final int STATE_VERSION = 1;
    private static final int MAX_VARIABLES = 64;
    private final MatchNode node;
    private final ExprCompiler compiler;
    private final List<DataType> types;
    private final int[] keys;
    private OperatorContext context;
    private Output out;
    private MatchEvaluator evaluator;
    private Matcher matcher;
    private CompiledFilter[] rowFilters;
    private GroupByHash partitionIds;
    private final List<MatchPartition> partitions = new ArrayList<>();
    /** The partitions with partial or waiting matches (the ones a watermark may expire), without repeats. */
    private int[] active = new int[16];
    private int activeCount;
    private boolean[] isActive = new boolean[16];
    private RowBuffer pending;
    private long[] pendingTimes = new long[64];
    private int[] pendingPartitions = new int[64];
    private long[] pendingBits = new long[64];
    private RowBuffer store;
    private long processed = Long.MIN_VALUE;
    private final List<Object[]> results = new ArrayList<>();
    private int[] selection = new int[Vectors.MAX_BATCH_ROWS];
    private final Matcher.Sink sink = this::collect;

    public MatchRecognizeOperator(MatchNode node, ExprCompiler compiler) {
        if (node.variables().size() > MAX_VARIABLES) {
            throw new RunnelSqlException("0A000", "a MATCH_RECOGNIZE pattern with more than " + MAX_VARIABLES
                    + " variables is not supported", SourcePos.UNKNOWN);
        }
        this.node = node;
        this.compiler = compiler;
        this.types = node.input().schema().types();
        this.keys = node.partitionKeys().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.out = output;
        ExprInterpreter interpreter = new ExprInterpreter(context.parameters(), context.clock().millis());
        this.evaluator = new MatchEvaluator(node, interpreter);
        this.matcher = new Matcher(node, evaluator);
        this.rowFilters = new CompiledFilter[node.variables().size()];
        for (int v = 0; v < rowFilters.length; v++) {
            if (matcher.rowOnly(v)) {
                rowFilters[v] = compiler.filter(node.defines().get(v).orElseThrow(), node.input().schema(), context);
            }
        }
        this.partitionIds = keys.length == 0 ? null
                : new GroupByHash(Arrays.stream(keys).mapToObj(types::get).toList(), false);
        this.pending = new RowBuffer(types);
        this.store = new RowBuffer(types);
        evaluator.store(store);
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        if (n == 0) {
            return;
        }
        context.metrics().addRowsIn(n);
        if (selection.length < n) {
            selection = new int[n];
        }
        long[] bits = new long[n];
        for (int v = 0; v < rowFilters.length; v++) {
            if (rowFilters[v] != null) {
                int k = rowFilters[v].filter(batch, n, selection);
                for (int i = 0; i < k; i++) {
                    bits[selection[i]] |= 1L << v;
                }
            }
        }
        int[] ids = new int[n];
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (partitionIds != null) {
            FieldVector[] keyVectors = new FieldVector[keys.length];
            for (int k = 0; k < keys.length; k++) {
                keyVectors[k] = batch.getVector(keys[k]);
            }
            partitionIds.assign(keyVectors, null, all, n, ids);
        }
        TimeStampMilliVector time = (TimeStampMilliVector) batch.getVector(node.timeColumn());
        TimeStampMilliVector watermark = (TimeStampMilliVector) batch.getVector(node.watermarkColumn());
        int base = pending.size();
        if (pendingTimes.length < base + n) {
            int size = Math.max(base + n, pendingTimes.length * 2);
            pendingTimes = Arrays.copyOf(pendingTimes, size);
            pendingPartitions = Arrays.copyOf(pendingPartitions, size);
            pendingBits = Arrays.copyOf(pendingBits, size);
        }
        int kept = 0;
        long late = 0;
        for (int i = 0; i < n; i++) {
            if (time.isNull(i)) {
                context.metrics().addRowsWithoutTime(1);
                continue;
            }
            long t = time.get(i);
            long w = watermark.isNull(i) ? Long.MIN_VALUE : watermark.get(i);
            if (t <= Math.max(w, processed)) {
                late++;
                continue;
            }
            pendingTimes[base + kept] = t;
            pendingPartitions[base + kept] = ids[i];
            pendingBits[base + kept] = bits[i];
            all[kept++] = i;
        }
        if (late > 0) {
            context.metrics().addLateRowsDropped(late);
        }
        pending.appendRows(batch, all, kept);
        reportState();
    }

    @Override
    public void onWatermark(int input, long watermark) {
        if (watermark <= processed) {
            return;
        }
        process(watermark);
        context.metrics().watermark(watermark);
        out.watermark(watermark);
    }

    @Override
    public void onEndOfInput(int input) {
        process(Long.MAX_VALUE);
        for (MatchPartition p : partitions) {
            matcher.end(p, sink);
        }
        flush();
        out.finish();
    }

    /** Feeds the waiting rows the watermark reached to their partitions, in order; emits the matches found. */
    private void process(long watermark) {
        int n = pending.size();
        int[] ready = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (pendingTimes[i] <= watermark) {
                ready[count++] = i;
            }
        }
        if (count > 0) {
            IntSorter.sort(ready, 0, count, new RowComparator(pending, node.order()));
            for (int k = 0; k < count; k++) {
                int i = ready[k];
                store.appendFrom(pending, i);
                int id = pendingPartitions[i];
                MatchPartition p = partition(id);
                matcher.step(p, store.size() - 1, pendingTimes[i], pendingBits[i], sink);
                if (!p.idle()) {
                    activate(id);
                }
                if ((k & 1023) == 1023) {
                    context.checkCancelled();
                }
            }
            keepPending(watermark);
        }
        processed = watermark;
        int kept = 0;
        for (int a = 0; a < activeCount; a++) {
            MatchPartition p = partitions.get(active[a]);
            matcher.expire(p, watermark, sink);
            if (p.idle()) {
                isActive[active[a]] = false;
            } else {
                active[kept++] = active[a];
            }
        }
        activeCount = kept;
        compactStore();
        flush();
        reportState();
    }

    private void activate(int id) {
        if (isActive.length <= id) {
            isActive = Arrays.copyOf(isActive, Math.max(id + 1, isActive.length * 2));
        }
        if (!isActive[id]) {
            isActive[id] = true;
            if (activeCount == active.length) {
                active = Arrays.copyOf(active, activeCount * 2);
            }
            active[activeCount++] = id;
        }
    }

    private MatchPartition partition(int id) {
        while (partitions.size() <= id) {
            partitions.add(new MatchPartition());
        }
        return partitions.get(id);
    }

    /** Keeps the waiting rows after {@code watermark}, in arrival order. */
    private void keepPending(long watermark) {
        RowBuffer rest = new RowBuffer(types);
        int r = 0;
        for (int i = 0; i < pending.size(); i++) {
            if (pendingTimes[i] > watermark) {
                rest.appendFrom(pending, i);
                pendingTimes[r] = pendingTimes[i];
                pendingPartitions[r] = pendingPartitions[i];
                pendingBits[r++] = pendingBits[i];
            }
        }
        pending = rest;
    }

    /** Rebuilds the row store when most of its rows are no longer held by any partition. */
    private void compactStore() {
        long held = 0;
        for (MatchPartition p : partitions) {
            held += p.rowCount();
        }
        if (store.size() < 4096 || store.size() < 2 * held) {
            return;
        }
        RowBuffer kept = new RowBuffer(types);
        int[] map = new int[store.size()];
        List<int[]> lists = new ArrayList<>();
        for (MatchPartition p : partitions) {
            lists.clear();
            p.rowIndices(lists);
            for (int idx : lists.get(0)) {
                map[idx] = kept.size();
                kept.appendFrom(store, idx);
            }
            p.remap(map);
        }
        store = kept;
        evaluator.store(store);
    }

    /** The output of a match: one row, or with ALL ROWS PER MATCH one per row of it (running aggregates rebuilt row by row). */
    private void collect(MatchPartition p, Run m) {
        if (!node.allRows()) {
            add(evaluator.outputs(p, m.start, m.vars, m.len, m.len, m.aggregates, p.matches));
            return;
        }
        RunningAggregates running = evaluator.running();
        long[] aggregates = running.empty;
        for (int i = 0; i < m.len; i++) {
            long seq = m.start + i;
            aggregates = running.extend(aggregates, store, p, p.rowIndex(seq), seq, m.vars[i]);
            add(evaluator.outputs(p, m.start, m.vars, m.len, i + 1, aggregates, p.matches));
        }
    }

    private void add(Object[] row) {
        results.add(row);
        if (results.size() >= Vectors.MAX_BATCH_ROWS) {
            flush();
        }
    }

    private void flush() {
        int n = results.size();
        if (n == 0) {
            return;
        }
        try (VectorSchemaRoot batch = Vectors.newRoot(node.schema(), context.allocator())) {
            Vectors.allocate(batch, n);
            for (int c = 0; c < node.schema().size(); c++) {
                FieldVector v = batch.getVector(c);
                for (int i = 0; i < n; i++) {
                    Vectors.set(v, i, results.get(i)[c]);
                }
            }
            batch.setRowCount(n);
            results.clear();
            context.metrics().addRowsOut(n);
            out.emit(batch);
        }
    }

    private void reportState() {
        context.metrics().stateBytes(pending.retainedBytes() + store.retainedBytes() + 20L * pendingTimes.length
                + (partitionIds == null ? 0 : partitionIds.retainedBytes()));
    }

    @Override
    public boolean needsMoreInput() {
        return out.needsMoreInput();
    }

    @Override
    public void snapshot(DataOutputStream o) throws IOException {
        StateIO.writeVersion(o, STATE_VERSION);
        context.metrics().snapshotRowFates(o);
        o.writeLong(processed);
        o.writeBoolean(partitionIds != null);
        if (partitionIds != null) {
            partitionIds.snapshot(o);
        }
        pending.snapshot(o);
        StateIO.writeLongs(o, pendingTimes, 0, pending.size());
        StateIO.writeInts(o, pendingPartitions, 0, pending.size());
        StateIO.writeLongs(o, pendingBits, 0, pending.size());
        store.snapshot(o);
        o.writeInt(partitions.size());
        for (MatchPartition p : partitions) {
            p.snapshot(o);
        }
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, STATE_VERSION, "MATCH_RECOGNIZE");
        context.metrics().restoreRowFates(in);
        processed = in.readLong();
        if (in.readBoolean() != (partitionIds != null)) {
            throw new IOException("the checkpoint's MATCH_RECOGNIZE is partitioned differently");
        }
        if (partitionIds != null) {
            partitionIds.restore(in);
        }
        pending.restore(in);
        int n = pending.size();
        pendingTimes = new long[Math.max(64, n)];
        pendingPartitions = new int[pendingTimes.length];
        pendingBits = new long[pendingTimes.length];
        StateIO.readLongs(in, pendingTimes, 0, n);
        StateIO.readInts(in, pendingPartitions, 0, n);
        StateIO.readLongs(in, pendingBits, 0, n);
        store.restore(in);
        partitions.clear();
        activeCount = 0;
        Arrays.fill(isActive, false);
        int count = StateIO.readCount(in, "MATCH_RECOGNIZE partitions");
        for (int i = 0; i < count; i++) {
            MatchPartition p = new MatchPartition();
            p.restore(in);
            partitions.add(p);
            if (!p.idle()) {
                activate(i);
            }
        }
    }

    @Override
    public void close() {
        pending = null;
        store = null;
        partitions.clear();
    }
}
