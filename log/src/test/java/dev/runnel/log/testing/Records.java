package dev.runnel.log.testing;

import dev.runnel.log.ConsumedRecord;
import dev.runnel.log.FetchResult;
import dev.runnel.log.LogStore;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import java.util.ArrayList;
import java.util.List;

/** Helpers that make and read back records in tests. */
public final class Records {
    private Records() {}

    /** {@code n} records with keys {@code k<i>} and values {@code <prefix><i>}, event time = i. */
    public static List<Record> numbered(String prefix, int from, int n) {
        List<Record> out = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) {
            out.add(Record.of("k" + i, prefix + i, i));
        }
        return out;
    }

    /** Every record of a partition from {@code offset} to the end. */
    public static List<ConsumedRecord> readAll(LogStore store, TopicPartition tp, long offset) {
        List<ConsumedRecord> out = new ArrayList<>();
        long pos = offset;
        while (pos < store.logEndOffset(tp)) {
            FetchResult r = store.read(tp, pos, 64 * 1024);
            if (r.isEmpty()) {
                break;
            }
            out.addAll(r.toRecords());
            pos = r.nextOffset();
        }
        return out;
    }

    public static List<String> values(List<ConsumedRecord> records) {
        return records.stream().map(ConsumedRecord::valueString).toList();
    }
}
