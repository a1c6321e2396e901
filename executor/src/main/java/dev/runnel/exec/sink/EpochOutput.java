package dev.runnel.exec.sink;

import dev.runnel.log.FetchResult;
import dev.runnel.log.LogStore;
import dev.runnel.log.OffsetOutOfRangeException;
import dev.runnel.log.ProducerTag;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.record.RecordBatch;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's output held back until its checkpoint, then committed to the log exactly once.
 *
 * <p>How exactly-once works for a job ({@code INSERT INTO stream SELECT STREAM ...}): the job's
 * {@link LogSink} appends into this instead of the log. When the job checkpoints, the held appends
 * are written <em>into the checkpoint</em> with the pipeline's state (its source positions and
 * operator state) and the output topic's end offsets of that moment ({@link #snapshot}); once the
 * checkpoint file is durable they are appended to the log ({@link #commit}), each log batch tagged
 * with the job's producer id, the checkpoint's number as epoch, and the sequence of its first row
 * within the epoch and partition ({@link ProducerTag}). A crash before the checkpoint file is
 * complete loses only uncommitted work: the job restarts from the previous checkpoint and computes
 * it again. A crash after it finishes the commit on restart ({@link #restore}, {@link #recover}):
 * the tags after the recorded end offsets say how many of the epoch's rows each partition already
 * holds, and only the rest is appended. So every output row is in the log once, and a reader sees
 * output when its checkpoint commits (the price: output waits for the checkpoint interval).
 *
 * <p>Single-threaded: used by the job's thread only.
 */
public final class EpochOutput implements LogSink.Appender {
    /** One held append: a payload block or a list of records, for one partition. */
    private record Held(int partition, byte[] payload, int rowCount, long first, long max, List<Record> records) {
        long rows() {
            return payload != null ? rowCount : records.size();
        }

        long bytes() {
            if (payload != null) {
                return payload.length;
            }
            long n = 0;
            for (Record r : records) {
                n += r.approximateSize();
            }
            return n;
        }
    }

    private final LogStore store;
    private final String topic;
    private final int partitions;
    private final long producerId;
    private final long urgentBytes;
    /** Appends made since the last snapshot. */
    private List<Held> held = new ArrayList<>();
    private long heldBytes;
    /** Appends written into the checkpoint being taken (or restored), to commit once it is durable. */
    private List<Held> sealed = List.of();
    private long[] sealedEnds = new long[0];
    private long committedRows;

    /**
     * @param producerId  the job's stable id (the same across restarts)
     * @param urgentBytes held bytes past which the job should checkpoint before its interval
     */
    public EpochOutput(LogStore store, String topic, int partitions, long producerId, long urgentBytes) {
        this.store = store;
        this.topic = topic;
        this.partitions = partitions;
        this.producerId = producerId;
        this.urgentBytes = urgentBytes;
    }

    @Override
    public int records(TopicPartition tp, List<Record> records) {
        Held h = new Held(tp.partition(), null, records.size(), 0, 0, List.copyOf(records));
        held.add(h);
        heldBytes += h.bytes();
        return 1;
    }

    @Override
    public void payload(TopicPartition tp, ByteBuffer payload, int rowCount, long first, long max) {
        byte[] copy = new byte[payload.remaining()];
        payload.duplicate().get(copy);
        held.add(new Held(tp.partition(), copy, rowCount, first, max, null));
        heldBytes += copy.length;
    }

    /** Whether so much is held that the job should checkpoint now. */
    public boolean urgent() {
        return heldBytes >= urgentBytes;
    }

    /** Rows appended to the log by commits of this run. */
    public long committedRows() {
        return committedRows;
    }

    /**
     * Writes the held appends and the topic's end offsets into a checkpoint being taken; they are
     * committed by {@link #commit} once it is durable. If it never becomes durable (a write error),
     * the next snapshot writes them again with what came since.
     */
    public void snapshot(DataOutputStream out) throws IOException {
        List<Held> all = new ArrayList<>(sealed.size() + held.size());
        all.addAll(sealed); // a previous checkpoint that failed to write
        all.addAll(held);
        sealed = all;
        held = new ArrayList<>();
        heldBytes = 0;
        sealedEnds = new long[partitions];
        out.writeInt(partitions);
        for (int p = 0; p < partitions; p++) {
            sealedEnds[p] = store.logEndOffset(new TopicPartition(topic, p));
            out.writeLong(sealedEnds[p]);
        }
        out.writeInt(sealed.size());
        for (Held h : sealed) {
            out.writeInt(h.partition());
            if (h.payload() != null) {
                out.writeByte(1);
                out.writeInt(h.rowCount());
                out.writeLong(h.first());
                out.writeLong(h.max());
                out.writeInt(h.payload().length);
                out.write(h.payload());
            } else {
                out.writeByte(2);
                out.writeInt(h.records().size());
                for (Record r : h.records()) {
                    writeBytes(out, r.key());
                    writeBytes(out, r.value());
                    out.writeLong(r.timestamp());
                }
            }
        }
    }

    /** Reads back what {@link #snapshot} wrote, on a fresh instance; then {@link #recover}. */
    public void restore(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n != partitions) {
            throw new IOException("the checkpoint was taken with " + n + " output partitions, the topic has "
                    + partitions);
        }
        sealedEnds = new long[n];
        for (int p = 0; p < n; p++) {
            sealedEnds[p] = in.readLong();
        }
        int count = in.readInt();
        List<Held> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int partition = in.readInt();
            byte kind = in.readByte();
            if (kind == 1) {
                int rows = in.readInt();
                long first = in.readLong();
                long max = in.readLong();
                byte[] payload = new byte[in.readInt()];
                in.readFully(payload);
                list.add(new Held(partition, payload, rows, first, max, null));
            } else if (kind == 2) {
                int records = in.readInt();
                List<Record> rs = new ArrayList<>(records);
                for (int r = 0; r < records; r++) {
                    byte[] key = readBytes(in);
                    byte[] value = readBytes(in);
                    rs.add(Record.of(key, value, in.readLong()));
                }
                list.add(new Held(partition, null, records, 0, 0, rs));
            } else {
                throw new IOException("damaged job output in checkpoint: append kind " + kind);
            }
        }
        sealed = list;
    }

    /** Appends what the durable checkpoint {@code epoch} holds (nothing of it is in the log yet). */
    public void commit(long epoch) {
        write(epoch, new long[partitions]);
    }

    /**
     * After {@link #restore} of checkpoint {@code epoch}: appends what of its output the log does
     * not hold yet (a crash may have stopped its commit anywhere).
     */
    public void recover(long epoch) {
        long[] present = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            present[p] = rowsPresent(new TopicPartition(topic, p), sealedEnds[p], epoch);
        }
        write(epoch, present);
    }

    /** How many rows of {@code epoch} the partition holds after {@code from}, by their tags. */
    private long rowsPresent(TopicPartition tp, long from, long epoch) {
        long present = 0;
        long pos = Math.max(from, store.logStartOffset(tp));
        long end = store.logEndOffset(tp);
        while (pos < end) {
            FetchResult f;
            try {
                f = store.read(tp, pos, 1 << 20);
            } catch (OffsetOutOfRangeException e) {
                pos = store.logStartOffset(tp);
                continue;
            }
            if (f.isEmpty()) {
                break;
            }
            for (RecordBatch b : f) {
                if (b.producerId() == producerId && b.producerEpoch() == epoch) {
                    present = Math.max(present, b.firstSequence() + (b.lastOffset() - b.baseOffset() + 1));
                }
                pos = b.nextOffset();
            }
        }
        return present;
    }

    /** Appends the sealed output of {@code epoch}, skipping the first {@code present[p]} rows of partition p. */
    private void write(long epoch, long[] present) {
        long[] sequence = new long[partitions];
        for (Held h : sealed) {
            int p = h.partition();
            long first = sequence[p];
            long rows = h.rows();
            sequence[p] += rows;
            long skip = Math.max(0, Math.min(rows, present[p] - first));
            if (skip == rows) {
                continue;
            }
            TopicPartition tp = new TopicPartition(topic, p);
            ProducerTag tag = new ProducerTag(producerId, epoch, first + skip);
            if (h.payload() != null) { // one batch: all of it is there or none
                store.appendPayload(tp, ByteBuffer.wrap(h.payload()), h.rowCount(), h.first(), h.max(), tag);
            } else {
                store.append(tp, h.records().subList((int) skip, h.records().size()), tag);
            }
            committedRows += rows - skip;
        }
        sealed = List.of();
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
