package dev.runnel.exec.source;

import dev.runnel.log.Header;
import dev.runnel.log.Record;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Watermark records: how a watermark crosses a repartition topic. The task that reads partition
 * {@code s} of a stream writes, with its rows, a record to every partition of the repartition topic
 * saying "partition {@code s} has reached watermark {@code w}" (a header {@value #HEADER}: int slot,
 * long watermark; an empty value, no key). A scan of a relation with the option {@value #OPTION}
 * (the source's partition count) takes its watermark from these records — the minimum over the
 * source partitions, as a scan of the stream itself would — and skips them as rows.
 */
public final class WatermarkRecords {
    /** The record header of a watermark record. */
    public static final String HEADER = "runnel-watermark";
    /** The relation option that makes a scan read watermarks from watermark records: the slot count. */
    public static final String OPTION = "watermark.records";

    private static final byte[] EMPTY = new byte[0];

    private WatermarkRecords() {}

    /** The record saying that source partition {@code slot} has reached {@code watermark}. */
    public static Record of(int slot, long watermark) {
        byte[] v = ByteBuffer.allocate(12).putInt(slot).putLong(watermark).array();
        return new Record(null, EMPTY, Record.NO_TIMESTAMP, List.of(new Header(HEADER, v)));
    }

    /**
     * Adds, after the rows held for {@code target} (a repartition topic), a watermark record of
     * {@code slot} to each of its partitions (replacing one held since the last commit: the newest
     * watermark is all a reader needs).
     */
    public static void hold(java.util.Map<dev.runnel.log.TopicPartition, List<Record>> held,
            dev.runnel.planner.catalog.RelationDef target, int slot, long watermark) {
        Record mark = of(slot, watermark);
        String topic = target.storage().topic();
        for (int p = 0; p < target.storage().partitions(); p++) {
            List<Record> records = held.computeIfAbsent(new dev.runnel.log.TopicPartition(topic, p),
                    k -> new java.util.ArrayList<>());
            if (!records.isEmpty() && find(records.get(records.size() - 1).headers()) != null) {
                records.set(records.size() - 1, mark);
            } else {
                records.add(mark);
            }
        }
    }

    /** The watermark header's value among {@code headers}, or null when the record is a row. */
    static byte[] find(List<Header> headers) {
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            if (h.key().equals(HEADER) && h.value() != null && h.value().length == 12) {
                return h.value();
            }
        }
        return null;
    }
}
