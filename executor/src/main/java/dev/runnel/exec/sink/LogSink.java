package dev.runnel.exec.sink;

import dev.runnel.exec.arrow.ArrowTypes;
import dev.runnel.exec.arrow.RowGather;
import dev.runnel.exec.format.ByteBuilder;
import dev.runnel.exec.format.ColumnarFormat;
import dev.runnel.exec.format.DebeziumJsonFormat;
import dev.runnel.exec.operator.Changelog;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import dev.runnel.exec.format.KeyEncoder;
import dev.runnel.exec.format.RecordFormat;
import dev.runnel.exec.format.RowFormat;
import dev.runnel.log.LogStore;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.sql.RunnelSqlException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Writes Arrow batches of a relation's payload columns into its topic. Rows go to the partition of
 * their key ({@link KeyEncoder}); rows without a key are spread round-robin (per batch for the
 * columnar format, so a batch stays one block; per row for record formats). Then, per partition:
 * <ul>
 *   <li>columnar: one payload batch per partition per input batch, whose event times are the
 *       first and largest value of the watermark column (producer time if none);</li>
 *   <li>json, csv: one record per row (key bytes, encoded value, watermark value as event time),
 *       appended as one log batch per partition per input batch.</li>
 * </ul>
 * For a TABLE this is an upsert by primary key: the topic is compacted and the newest row per key
 * wins. A row whose non-key columns are all NULL is stored as such, never as a tombstone; a NULL
 * in a key column is refused (22000). Each append is acknowledged under the topic's fsync policy
 * before {@link #write} returns, and a batch that was appended is whole in the log.
 *
 * <p>Call {@link #write} any number of times from one thread, or, to control each partition's
 * append (a resumable COPY), {@link #plan} a batch then {@link #appendPartition} each partition.
 * The caller owns the batches. Appends go to the log, or to an {@link Appender} that holds them
 * (a job's output until its checkpoint, {@link EpochOutput}).
 */
public final class LogSink {

    /** Where encoded appends go: straight into the log, or held for a later commit. */
    public interface Appender {
        /** Appends records to one partition; returns the number of log appends made. */
        int records(TopicPartition tp, List<Record> records);

        /**
         * Appends one payload batch; {@code payload} is valid only during the call (the sink reuses
         * its buffer).
         */
        void payload(TopicPartition tp, ByteBuffer payload, int rowCount, long firstTimestamp, long maxTimestamp);
    }

    /** Appends straight into {@code store}. */
    public static Appender direct(LogStore store) {
        return new Appender() {
            @Override
            public int records(TopicPartition tp, List<Record> records) {
                return store.append(tp, records).size();
            }

            @Override
            public void payload(TopicPartition tp, ByteBuffer payload, int rowCount, long first, long max) {
                store.appendPayload(tp, payload, rowCount, first, max);
            }
        };
    }

    /** What one {@link #write} appended: rows and log appends (payload batches or record batches). */
    public record Result(int rows, int appends) {}

    private static final ArrowType OP_TYPE = new ArrowType.Int(32, true);
    private final Appender appender;
    private final RelationDef target;
    private final BufferAllocator allocator;
    private final Clock clock;
    private final RowFormat format;
    private final KeyEncoder keys;
    private final int partitions;
    private final int watermarkColumn;
    private final boolean table;
    private final List<Field> fields;
    private final ByteBuilder value = new ByteBuilder(512);
    private int[] partitionOf = new int[0];
    private int plannedRows = -1;
    private int roundRobin;

    public LogSink(LogStore store, RelationDef target, BufferAllocator allocator, Clock clock) {
        this(direct(store), target, allocator, clock);
    }

    /** A sink whose appends go to {@code appender}. */
    public LogSink(Appender appender, RelationDef target, BufferAllocator allocator, Clock clock) {
        this.appender = appender;
        this.target = target;
        this.allocator = allocator;
        this.clock = clock;
        this.format = RowFormat.of(target);
        this.keys = new KeyEncoder(target.columns(), target.storage().keyColumns(),
                KeyEncoder.arrayKeys(target.options()));
        this.partitions = target.storage().partitions();
        this.watermarkColumn = target.watermark().map(WatermarkSpec::column).orElse(-1);
        this.table = target.kind() != RelationKind.STREAM;
        this.fields = ArrowTypes.toSchema(target.columns()).getFields();
        // like Kafka's producer, start the spread anywhere, so short-lived sinks do not all favour partition 0
        this.roundRobin = java.util.concurrent.ThreadLocalRandom.current().nextInt(partitions);
    }

    public RelationDef target() {
        return target;
    }

    /** The next round-robin partition for rows without a key. */
    public int roundRobinPosition() {
        return roundRobin;
    }

    /** Sets where round-robin continues (a resumed COPY puts rows where the first run would have). */
    public void roundRobinPosition(int position) {
        this.roundRobin = Math.floorMod(position, partitions);
    }

    /**
     * Appends every row of {@code batch}, whose vectors are exactly the payload columns, or, into a
     * TABLE, the payload columns and a change kind ({@code Changelog}): +I and +U rows upsert, -D
     * rows delete their key (a tombstone; a delete event for {@code debezium-json}), -U rows are
     * left out (the +U that follows replaces them).
     */
    public Result write(VectorSchemaRoot batch) {
        int[] counts = plan(batch);
        int appends = 0;
        for (int p = 0; p < counts.length; p++) {
            if (counts[p] > 0) {
                appends += appendPartition(batch, p);
            }
        }
        return new Result(batch.getRowCount(), appends);
    }

    /**
     * First step of a write done partition by partition (see {@link #appendPartition}): assigns
     * every row of {@code batch} its partition and returns the number of rows per partition.
     * Advances round-robin once, as {@link #write} would.
     */
    public int[] plan(VectorSchemaRoot batch) {
        IntVector ops = checkShape(batch) ? (IntVector) batch.getVector(fields.size()) : null;
        int rows = batch.getRowCount();
        if (partitionOf.length < rows) {
            partitionOf = new int[Math.max(rows, 1024)];
        }
        plannedRows = rows;
        int[] counts = new int[partitions];
        if (rows == 0) {
            return counts;
        }
        boolean columnar = format instanceof ColumnarFormat;
        int batchPartition = columnar ? nextRoundRobin() : -1;
        boolean keyed = keys.keyed();
        for (int r = 0; r < rows; r++) {
            if (ops != null && ops.get(r) == Changelog.UPDATE_BEFORE) {
                partitionOf[r] = -1; // the update's new row replaces it
                continue;
            }
            int p = keyed ? keys.partition(batch, r, partitions) : -1;
            if (p < 0 || (table && keyed && !keys.nullsAreKeys() && keys.hasNull(batch, r))) {
                if (table && keyed) {
                    throw new RunnelSqlException("22000", "row " + (r + 1) + " of the batch written to '"
                            + target.name() + "' has a NULL primary key", null);
                }
                p = columnar ? batchPartition : nextRoundRobin();
            }
            partitionOf[r] = p;
            counts[p]++;
        }
        checkNotNull(batch);
        return counts;
    }

    /** A NOT NULL column must hold no NULL (the planner checks literals; this catches computed values). */
    private void checkNotNull(VectorSchemaRoot batch) {
        List<Column> columns = target.columns();
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).type().nullable()) {
                continue;
            }
            FieldVector v = batch.getVector(c);
            if (v.getNullCount() == 0) {
                continue;
            }
            int r = 0;
            while (!v.isNull(r)) {
                r++;
            }
            throw new RunnelSqlException("22000", "row " + (r + 1) + " of the batch written to '" + target.name()
                    + "' has a NULL in NOT NULL column '" + columns.get(c).name() + "'", null);
        }
    }

    /**
     * Appends the rows {@link #plan} gave partition {@code partition} (the same batch, unchanged);
     * returns the number of log appends (0 if it has no rows).
     */
    public int appendPartition(VectorSchemaRoot batch, int partition) {
        if (batch.getRowCount() != plannedRows) {
            throw new IllegalStateException("appendPartition needs the batch that was planned");
        }
        int n = 0;
        int[] selected = new int[plannedRows];
        for (int r = 0; r < plannedRows; r++) {
            if (partitionOf[r] == partition) {
                selected[n++] = r;
            }
        }
        if (n == 0) {
            return 0;
        }
        TopicPartition tp = new TopicPartition(target.storage().topic(), partition);
        if (format instanceof ColumnarFormat columnar) {
            if (n == plannedRows) {
                appendBlock(columnar, tp, batch);
            } else {
                try (VectorSchemaRoot part = VectorSchemaRoot.create(columnar.schema(), allocator)) {
                    RowGather.gather(batch, selected, n, part);
                    appendBlock(columnar, tp, part);
                }
            }
            return 1;
        }
        RecordFormat records = (RecordFormat) format;
        IntVector ops = batch.getSchema().getFields().size() > fields.size() ? (IntVector) batch.getVector(fields.size())
                : null;
        TimeStampMilliVector ts = watermarkColumn >= 0 ? (TimeStampMilliVector) batch.getVector(watermarkColumn) : null;
        List<Record> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int r = selected[i];
            int op = ops == null ? Changelog.INSERT : ops.get(r);
            value.reset();
            byte[] bytes;
            if (records instanceof DebeziumJsonFormat events) {
                events.encodeChange(batch, r, op, value);
                bytes = value.toByteArray();
            } else if (op == Changelog.DELETE) {
                bytes = null; // a tombstone
            } else {
                records.encode(batch, r, value);
                bytes = value.toByteArray();
            }
            long eventTime = ts == null || ts.isNull(r) ? Record.NO_TIMESTAMP : ts.get(r);
            out.add(Record.of(keys.key(batch, r), bytes, eventTime));
        }
        return appender.records(tp, out);
    }

    private int nextRoundRobin() {
        int p = roundRobin;
        roundRobin = (roundRobin + 1) % partitions;
        return p;
    }

    private void appendBlock(ColumnarFormat columnar, TopicPartition tp, VectorSchemaRoot block) {
        long first;
        long max;
        if (watermarkColumn >= 0) {
            TimeStampMilliVector ts = (TimeStampMilliVector) block.getVector(watermarkColumn);
            first = Long.MIN_VALUE;
            max = Long.MIN_VALUE;
            for (int r = 0; r < block.getRowCount(); r++) {
                if (!ts.isNull(r)) {
                    long t = ts.get(r);
                    if (first == Long.MIN_VALUE) {
                        first = t;
                    }
                    max = Math.max(max, t);
                }
            }
            if (first == Long.MIN_VALUE) {
                first = max = clock.millis();
            }
        } else {
            first = max = clock.millis();
        }
        ByteBuffer payload = columnar.encode(block);
        appender.payload(tp, payload, block.getRowCount(), first, max);
    }

    /**
     * Whether {@code batch} carries a change kind after the payload columns (a changelog into a
     * TABLE); checks its shape either way.
     */
    private boolean checkShape(VectorSchemaRoot batch) {
        List<Field> given = batch.getSchema().getFields();
        if (table && given.size() == fields.size() + 1 && given.get(fields.size()).getType().equals(OP_TYPE)) {
            given = given.subList(0, fields.size());
        } else if (given.size() != fields.size()) {
            throw new IllegalArgumentException("a batch for '" + target.name() + "' needs its " + fields.size()
                    + " payload columns, got " + given.size());
        }
        for (int i = 0; i < given.size(); i++) {
            if (!given.get(i).getType().equals(fields.get(i).getType())) {
                throw new IllegalArgumentException("column " + i + " of a batch for '" + target.name() + "' is "
                        + given.get(i).getType() + ", expected " + fields.get(i).getType());
            }
        }
        return given.size() != batch.getSchema().getFields().size();
    }
}
