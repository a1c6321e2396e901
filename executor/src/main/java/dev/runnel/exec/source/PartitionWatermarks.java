package dev.runnel.exec.source;

import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.ddl.Durations;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.TimeStampMilliVector;

/**
 * Event time of a scan, per partition and for the scan as a whole.
 *
 * <ul>
 *   <li>Per partition: the largest event time seen so far; its watermark is that minus the stream's
 *       delay. A row's {@code _watermark} is its partition's watermark formed by the rows before it
 *       (NULL before any), so it depends only on the partition's order, never on batching. Rows
 *       with a NULL event time leave it unchanged.</li>
 *   <li>Per scan: the minimum over the partitions' watermarks, skipping partitions idle (no new
 *       record) for longer than the idle timeout by the processing-time clock; a partition that
 *       never had an event holds it at "none" until it goes idle. When every partition is idle, the
 *       largest partition watermark counts (nothing holds it back). It never decreases: a partition
 *       that wakes up behind it does not pull it back (its rows are then late for windows that
 *       fired).</li>
 * </ul>
 * State ({@link #snapshot}): the partition count (int), per partition the largest event time seen
 * and how long before the snapshot it last had records (longs, millis), then the last scan
 * watermark returned (long). Activity is kept as an age, so time the scan spends stopped between a
 * checkpoint and its restore does not count towards idleness. Single-threaded (the scan's driver thread).
 */
final class PartitionWatermarks {
    /** No watermark (no event yet). */
    static final long NONE = Long.MIN_VALUE;

    private final long delay;
    private final long idleTimeout;
    private final long[] maxEventTime;
    private final long[] lastActivity;
    /**
     * Whether the partitions' watermarks come from watermark records ({@link #mark}) instead of the
     * rows' event times: a repartition topic's scan, whose slots are the partitions of the stream
     * the rows came from (each written by the task that read that partition).
     */
    private final boolean external;
    private long emitted = NONE;

    /**
     * @param delay the stream's watermark delay, millis
     * @param idleTimeout millis without new records after which a partition stops holding the scan's
     *     watermark back; negative for never
     * @param now processing time at open: partitions count as active from then
     */
    /**
     * The watermarks of a scan of {@code relation} (which has a WATERMARK) over {@code partitions}
     * partitions: its delay and {@code idle_timeout}; a relation whose rows come with watermark
     * records ({@link WatermarkRecords#OPTION}: a repartition topic) has one slot per source partition.
     */
    static PartitionWatermarks forScan(RelationDef relation, int partitions, long now) {
        long delay = relation.watermark().orElseThrow().delayMillis();
        String slots = relation.options().get(WatermarkRecords.OPTION);
        return slots == null ? new PartitionWatermarks(partitions, delay, idleTimeout(relation), now)
                : new PartitionWatermarks(Integer.parseInt(slots), delay, idleTimeout(relation), now, true);
    }

    /** The relation's {@code idle_timeout} option in millis, -1 when absent (never idle). */
    static long idleTimeout(RelationDef relation) {
        for (java.util.Map.Entry<String, String> e : relation.options().entrySet()) {
            if (e.getKey().equalsIgnoreCase("idle_timeout")) {
                return Durations.parseMillis(e.getValue()).orElseThrow(() -> new RunnelSqlException("42000",
                        "idle_timeout '" + e.getValue() + "' of '" + relation.name() + "' is not a duration",
                        SourcePos.UNKNOWN));
            }
        }
        return -1;
    }

    PartitionWatermarks(int partitions, long delay, long idleTimeout, long now) {
        this(partitions, delay, idleTimeout, now, false);
    }

    /** With {@code external}, slot watermarks come only from {@link #mark} (see {@link #external}). */
    PartitionWatermarks(int partitions, long delay, long idleTimeout, long now, boolean external) {
        this.external = external;
        this.delay = delay;
        this.idleTimeout = idleTimeout;
        this.maxEventTime = new long[partitions];
        this.lastActivity = new long[partitions];
        Arrays.fill(maxEventTime, NONE);
        Arrays.fill(lastActivity, now);
    }

    /** The watermark of partition {@code p} now, or {@link #NONE}. */
    long partitionWatermark(int p) {
        long m = maxEventTime[p];
        return m == NONE ? NONE : minusDelay(m);
    }

    /** {@code eventTime - delay}, kept above {@link #NONE} for event times near the minimum. */
    private long minusDelay(long eventTime) {
        return eventTime < Long.MIN_VALUE + 1 + delay ? Long.MIN_VALUE + 1 : eventTime - delay;
    }

    /** Records activity on partition {@code p} (records arrived) at processing time {@code now}. */
    /** A watermark record: source partition {@code slot} has reached {@code watermark} (external mode). */
    void mark(int slot, long watermark, long now) {
        if (slot < 0 || slot >= maxEventTime.length) {
            return; // of a layout this scan does not know
        }
        if (watermark + delay > maxEventTime[slot]) {
            maxEventTime[slot] = watermark + delay;
            lastActivity[slot] = now;
        }
    }

    void touch(int p, long now) {
        if (external) {
            return; // activity is that of the source partitions, told by their watermark records
        }
        lastActivity[p] = now;
    }

    /**
     * Rows {@code [from, to)} of partition {@code p}'s next records, in order: sets
     * {@code watermarks[i]} (when not null; allocated for {@code to} values) to the partition's
     * watermark before row i and advances it by each row's event time in {@code time}.
     */
    void fillBlock(int p, TimeStampMilliVector time, int from, int to, TimeStampMilliVector watermarks) {
        long max = maxEventTime[p];
        ArrowBuf validity = time.getValidityBuffer();
        ArrowBuf data = time.getDataBuffer();
        boolean noNulls = to > from && time.getValueCount() >= to && time.getNullCount() == 0;
        if (watermarks == null && noNulls) {
            // only the running maximum: the event times' bounds checked once, then read directly
            data.checkBytes((long) from << 3, (long) to << 3);
            long address = data.memoryAddress();
            for (int i = from; i < to; i++) {
                long t = MemoryUtil.getLong(address + ((long) i << 3));
                if (t > max) {
                    max = t;
                }
            }
        } else if (watermarks == null) {
            for (int i = from; i < to; i++) {
                if (BitVectorHelper.get(validity, i) != 0) {
                    max = Math.max(max, data.getLong((long) i << 3));
                }
            }
        } else if (noNulls) {
            // no NULL event times: every row but a partition's very first has a watermark, so the
            // validity bits are set as a range and the loop only carries the running maximum
            ArrowBuf outValidity = watermarks.getValidityBuffer();
            ArrowBuf outData = watermarks.getDataBuffer();
            int i = from;
            if (max == NONE) {
                BitVectorHelper.unsetBit(outValidity, i);
                max = data.getLong((long) i << 3);
                i++;
            }
            setBits(outValidity, i, to);
            // bounds checked once for the range, then read and written directly
            data.checkBytes((long) from << 3, (long) to << 3);
            outData.checkBytes((long) from << 3, (long) to << 3);
            long in = data.memoryAddress();
            long out = outData.memoryAddress();
            for (; i < to; i++) {
                MemoryUtil.putLong(out + ((long) i << 3), minusDelay(max));
                long t = MemoryUtil.getLong(in + ((long) i << 3));
                if (t > max) {
                    max = t;
                }
            }
        } else {
            ArrowBuf outValidity = watermarks.getValidityBuffer();
            ArrowBuf outData = watermarks.getDataBuffer();
            for (int i = from; i < to; i++) {
                if (max == NONE) {
                    BitVectorHelper.unsetBit(outValidity, i);
                } else {
                    BitVectorHelper.setBit(outValidity, i);
                    outData.setLong((long) i << 3, minusDelay(max));
                }
                if (BitVectorHelper.get(validity, i) != 0) {
                    max = Math.max(max, data.getLong((long) i << 3));
                }
            }
        }
        maxEventTime[p] = max;
    }

    /** Sets validity bits {@code [from, to)}: whole bytes at once, the partial ones at the ends bit by bit. */
    private static void setBits(ArrowBuf validity, int from, int to) {
        int i = from;
        while (i < to && (i & 7) != 0) {
            BitVectorHelper.setBit(validity, i++);
        }
        int wholeBytes = (to - i) >> 3;
        if (wholeBytes > 0) {
            validity.setOne(i >> 3, wholeBytes);
            i += wholeBytes << 3;
        }
        while (i < to) {
            BitVectorHelper.setBit(validity, i++);
        }
    }

    /**
     * One record of partition {@code p} with event time {@code eventTime} ({@code hasTime} false for
     * NULL): returns the partition's watermark before it ({@link #NONE} if none) and advances it.
     */
    long row(int p, boolean hasTime, long eventTime) {
        if (external) {
            return NONE; // rows carry the watermark of their own partition as a column; slots are not rows'
        }
        long before = partitionWatermark(p);
        if (hasTime && eventTime > maxEventTime[p]) {
            maxEventTime[p] = eventTime;
        }
        return before;
    }

    /** The scan's watermark at processing time {@code now} (see the class comment), not yet capped by what was emitted. */
    long scanWatermark(long now) {
        long min = Long.MAX_VALUE;
        long max = NONE;
        boolean anyActive = false;
        for (int p = 0; p < maxEventTime.length; p++) {
            long w = partitionWatermark(p);
            max = Math.max(max, w);
            if (idleTimeout >= 0 && now - lastActivity[p] > idleTimeout) {
                continue;
            }
            anyActive = true;
            min = Math.min(min, w);
        }
        return anyActive ? min : max;
    }

    /** The scan's watermark if it advanced past what was last returned here, else {@link #NONE}. */
    long advance(long now) {
        long w = scanWatermark(now);
        if (w > emitted) {
            emitted = w;
            return w;
        }
        return NONE;
    }

    /** The last watermark {@link #advance} returned. */
    long emitted() {
        return emitted;
    }

    /** Writes the per-partition event times and activity ages at processing time {@code now} (see the class comment). */
    void snapshot(DataOutputStream out, long now) throws IOException {
        out.writeInt(maxEventTime.length);
        for (int p = 0; p < maxEventTime.length; p++) {
            out.writeLong(maxEventTime[p]);
            out.writeLong(now - lastActivity[p]);
        }
        out.writeLong(emitted);
    }

    /**
     * Reads what {@link #snapshot} wrote, at processing time {@code now}; partitions the snapshot did
     * not know (added since) keep their fresh state.
     */
    void restore(DataInputStream in, long now) throws IOException {
        int n = StateIO.readCount(in, "partitions");
        if (n > maxEventTime.length) {
            throw new IOException("the checkpoint has event time for " + n + " partitions, the topic has "
                    + maxEventTime.length);
        }
        for (int p = 0; p < n; p++) {
            maxEventTime[p] = in.readLong();
            lastActivity[p] = now - in.readLong();
        }
        emitted = in.readLong();
    }
}
