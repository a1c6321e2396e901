package dev.runnel.exec.copy;

import dev.runnel.exec.arrow.ArrowTypes;
import dev.runnel.exec.format.DeadLetter;
import dev.runnel.exec.format.VectorRowWriter;
import dev.runnel.exec.sink.DeadLetterWriter;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicPartition;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.IntVector;
import dev.runnel.planner.catalog.RelationKind;
import java.time.Clock;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The batches of one COPY: rows parsed into a reused Arrow batch, bad rows into the dead-letter
 * writer, and per batch, in this order: dead letters, each partition's rows ({@link LogSink}),
 * then a {@link CopyCheckpoint}. After a crash, the first batch of the resumed run is the one in
 * doubt: its dead letters and each partition's share are appended only if the log does not
 * already end exactly where that append would have left it.
 *
 * <p>Single-threaded; owns the batch it builds.
 */
final class CopyRun implements AutoCloseable {
    private final LogStore store;
    private final RelationDef target;
    private final String sourceName;
    private final int batchRows;
    private final LogSink sink;
    private final DeadLetterWriter deadLetters;
    private final CopyCheckpoints checkpoints;
    private final Consumer<String> faults;
    private final VectorSchemaRoot batch;
    private final VectorRowWriter writer;
    private final int[] keyColumns;
    private final boolean changes;
    private CopyCheckpoint base;
    private boolean inDoubt;
    long rowsRead;
    long rowsLoaded;
    long rowsRejected;
    long ambiguousResumes;

    CopyRun(LogStore store, RelationDef target, BufferAllocator allocator, Clock clock, String sourceName, int batchRows,
            CopyCheckpoints checkpoints, Consumer<String> faults) {
        this.store = store;
        this.target = target;
        this.sourceName = sourceName;
        this.batchRows = batchRows;
        this.sink = new LogSink(store, target, allocator, clock);
        this.deadLetters = new DeadLetterWriter(store, target);
        this.checkpoints = checkpoints;
        this.faults = faults;
        // a table of change events carries each row's change kind after its columns (LogSink writes it)
        this.changes = target.storage().format() == Format.DEBEZIUM_JSON;
        List<Column> columns = new ArrayList<>(target.columns());
        if (changes) {
            columns.add(new Column("$op", DataType.of(TypeKind.INT).notNull()));
        }
        this.batch = VectorSchemaRoot.create(ArrowTypes.toSchema(columns), allocator);
        for (FieldVector v : batch.getFieldVectors()) {
            v.setInitialCapacity(Math.min(batchRows, 65_536));
        }
        batch.allocateNew();
        this.writer = new VectorRowWriter(target.columns(), payloadVectors());
        this.keyColumns = target.kind() == RelationKind.STREAM ? new int[0]
                : target.storage().keyColumns().stream().mapToInt(Integer::intValue).toArray();
    }

    private FieldVector[] payloadVectors() {
        return batch.getFieldVectors().subList(0, target.columns().size()).toArray(new FieldVector[0]);
    }

    /**
     * Keeps the {@code n} rows the input just kept itself (change events), of change kinds
     * {@code kinds}: one record read.
     */
    void acceptChanges(int n, int[] kinds) {
        IntVector ops = (IntVector) batch.getVector(target.columns().size());
        for (int i = 0; i < n; i++) {
            ops.setSafe(writer.rowCount() - n + i, kinds[i]);
        }
        rowsRead++;
    }

    VectorRowWriter writer() {
        return writer;
    }

    String deadLetterTopic() {
        return deadLetters.topic();
    }

    /** Continues after {@code checkpoint}: counters, round-robin, and the batch in doubt. */
    void resumeFrom(CopyCheckpoint checkpoint) {
        base = checkpoint;
        rowsRead = checkpoint.rowsRead();
        rowsLoaded = checkpoint.rowsLoaded();
        rowsRejected = checkpoint.rowsRejected();
        sink.roundRobinPosition(checkpoint.roundRobin());
        inDoubt = true;
    }

    /** Keeps the row the input just parsed, unless its primary key is NULL (then it is rejected). */
    void acceptRow(long line, java.util.function.Supplier<byte[]> raw) throws dev.runnel.exec.format.BadValueException {
        for (int k : keyColumns) {
            if (writer.isNullInRow(k)) {
                reject("primary key column '" + target.columns().get(k).name() + "' is NULL", line, raw.get());
                return;
            }
        }
        writer.endRow();
        rowsRead++;
    }

    void reject(String reason, long line, byte[] raw) {
        writer.discardRow();
        deadLetters.add(new DeadLetter(reason, sourceName + ":" + line, raw));
        rowsRead++;
    }

    boolean full() {
        return writer.rowCount() >= batchRows || deadLetters.pendingCount() >= batchRows;
    }

    /** Rows parsed into the current batch, not yet appended. */
    int pending() {
        return writer.rowCount() + deadLetters.pendingCount();
    }

    /** A checkpoint of the state after the last appended batch. */
    CopyCheckpoint checkpoint(String path, long size, long mtime, long bytesDone, long nextLine, boolean complete) {
        return new CopyCheckpoint(target.name(), path, size, mtime, batchRows, bytesDone, nextLine, rowsRead, rowsLoaded,
                rowsRejected, sink.roundRobinPosition(), endOffsets(), deadLetters.endOffset(), complete);
    }

    /** Appends the batch (see the class comment) and saves {@code after} as its checkpoint. */
    void flush(CheckpointFactory after) {
        int good = writer.rowCount();
        int bad = deadLetters.pendingCount();
        writer.finish();
        if (changes) {
            batch.getVector(target.columns().size()).setValueCount(good);
        }
        batch.setRowCount(good);
        boolean doubt = inDoubt;
        inDoubt = false;
        if (bad > 0) {
            if (doubt && deadLetters.endOffset() == base.dlqEnd() + bad) {
                deadLetters.discardPending();
            } else {
                if (doubt && deadLetters.endOffset() != base.dlqEnd()) {
                    ambiguousResumes++;
                }
                deadLetters.flush();
            }
        }
        faults.accept("after-dead-letters");
        if (good > 0) {
            int[] counts = sink.plan(batch);
            long[] ends = doubt ? endOffsets() : null;
            for (int p = 0; p < counts.length; p++) {
                if (counts[p] == 0) {
                    continue;
                }
                if (doubt && ends[p] == base.endOffsets()[p] + counts[p]) {
                    continue; // the interrupted run appended this share
                }
                if (doubt && ends[p] != base.endOffsets()[p]) {
                    ambiguousResumes++;
                }
                sink.appendPartition(batch, p);
                faults.accept("after-partition-" + p);
            }
        }
        rowsLoaded += good;
        rowsRejected += bad;
        base = after.make(this);
        checkpoints.save(base);
        faults.accept("after-checkpoint");
        for (FieldVector v : batch.getFieldVectors()) {
            ((ValueVector) v).reset();
        }
        writer.reset(payloadVectors());
    }

    /** Builds the checkpoint saved after a batch. */
    @FunctionalInterface
    interface CheckpointFactory {
        CopyCheckpoint make(CopyRun run);
    }

    /** Saves {@code checkpoint} as the state before the first batch of a fresh run. */
    void start(CopyCheckpoint checkpoint) {
        base = checkpoint;
        checkpoints.save(checkpoint);
    }

    long[] endOffsets() {
        long[] ends = new long[target.storage().partitions()];
        for (int p = 0; p < ends.length; p++) {
            ends[p] = store.logEndOffset(new TopicPartition(target.storage().topic(), p));
        }
        return ends;
    }

    @Override
    public void close() {
        batch.close();
    }
}
