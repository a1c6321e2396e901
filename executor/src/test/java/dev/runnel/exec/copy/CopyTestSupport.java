package dev.runnel.exec.copy;

import static dev.runnel.exec.testing.Rows.row;

import dev.runnel.exec.format.DeadLetter;
import dev.runnel.exec.format.DateTimeText;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.source.LogScanSource;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.exec.testing.CollectingOutput;
import dev.runnel.exec.testing.Relations;
import dev.runnel.log.FetchResult;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicPartition;
import dev.runnel.planner.catalog.RelationDef;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;

/** Builds csv inputs with known good rows and known bad lines, and reads back what a COPY stored. */
final class CopyTestSupport {
    static final long T0 = 1_767_225_600_000L;

    /** A generated input: its bytes, the rows that must load, and (line, reason fragment) of each bad row. */
    record Input(byte[] bytes, List<List<Object>> good, List<Long> badLines, List<String> badReasons) {}

    /**
     * {@code rows} data lines after a header; every 100th (i % 100 == 50) is malformed in one of
     * eight ways, so exactly 1% are bad. Some good rows hold quoted commas, doubled quotes and
     * line breaks, so line numbers must count lines inside quotes.
     */
    static Input bidsCsvWithOnePercentBad(int rows, long seed) {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<List<Object>> good = new ArrayList<>();
        List<Long> badLines = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        write(out, "auction,bidder,price,channel,url,date_time,extra\n");
        long line = 2;
        int badKind = 0;
        for (int i = 0; i < rows; i++) {
            long auction = r.nextInt(1000);
            long bidder = r.nextInt(100_000);
            long price = r.nextInt(1_000_000);
            long ts = T0 + i * 7L;
            String tsText = DateTimeText.timestampToString(ts);
            if (i % 100 == 50) {
                String[] kinds = {
                    auction + "," + bidder + "," + price + "\n",
                    auction + "," + bidder + "," + price + ",web,http://x," + tsText + ",,surplus\n",
                    auction + "," + bidder + ",12x,web,http://x," + tsText + ",\n",
                    auction + "," + bidder + "," + price + ",web,http://x,2026-13-45 00:00:00,\n",
                    auction + "," + bidder + "," + price + ",\"web,http://x," + tsText + ",\n",
                    auction + "," + bidder + "," + price + ",\"web\"x,http://x," + tsText + ",\n",
                    ",," + price + ",web,http://x," + tsText + ",\n",
                    "99999999999999999999," + bidder + "," + price + ",web,http://x," + tsText + ",\n",
                };
                String[] why = {"expected 7 fields, found 3", "expected 7 fields, found 8",
                    "column 'price': '12x' is not a whole number", "column 'date_time': '2026-13-45 00:00:00' is not a TIMESTAMP",
                    "a quoted field runs past the end of this line", "unexpected character after a closing quote", null,
                    "column 'auction': '99999999999999999999' is out of range"};
                int k = badKind++ % kinds.length;
                if (k == 6) {
                    // NULL auction and bidder are fine for a stream: this one is a good row after all;
                    // make it bad with an invalid UTF-8 byte in a VARCHAR instead
                    out.write(("1,2,3,").getBytes(StandardCharsets.UTF_8), 0, 6);
                    out.write(0xff);
                    write(out, ",http://x," + tsText + ",\n");
                    why[6] = "column 'channel': text is not valid UTF-8";
                } else {
                    write(out, kinds[k]);
                }
                badLines.add(line);
                reasons.add(why[k]);
                line++;
                continue;
            }
            String channel = List.of("web", "app", "ios").get(r.nextInt(3));
            String url = "https://example.test/item/" + i;
            String extra = null;
            String urlField = url;
            String extraField = "";
            switch (i % 37) {
                case 3 -> {
                    extra = "a,b";
                    extraField = "\"a,b\"";
                }
                case 5 -> {
                    extra = "say \"hi\"";
                    extraField = "\"say \"\"hi\"\"\"";
                }
                case 7 -> {
                    url = url + "\nsecond line";
                    urlField = "\"" + url + "\"";
                }
                case 11 -> {
                    extra = "";
                    extraField = "\"\""; // an empty string, not NULL
                }
                default -> { }
            }
            write(out, auction + "," + bidder + "," + price + "," + channel + "," + urlField + "," + tsText + ","
                    + extraField + (i % 2 == 0 ? "\n" : "\r\n"));
            good.add(row(auction, bidder, price, channel, url, ts, extra));
            line += 1 + (i % 37 == 7 ? 1 : 0);
        }
        return new Input(out.toByteArray(), good, badLines, reasons);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Every payload row of a relation, in partition then offset order. */
    static List<List<Object>> scanPayload(LogStore store, RelationDef r, BufferAllocator allocator) {
        Integer[] cols = new Integer[r.columns().size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = i;
        }
        CollectingOutput out = new CollectingOutput();
        OperatorContext ctx = new OperatorContext(allocator, List.of(), Clock.systemUTC());
        try (LogScanSource s = LogScanSourceFactory.bounded(store).create(Relations.scan(r, cols), ctx)) {
            s.open(ctx);
            s.run(out);
        }
        return out.rows;
    }

    /** Every entry of a dead-letter topic, in order. */
    static List<DeadLetter> deadLetters(LogStore store, String topic) {
        List<DeadLetter> out = new ArrayList<>();
        if (!store.topicExists(topic)) {
            return out;
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        long pos = store.logStartOffset(tp);
        while (pos < store.logEndOffset(tp)) {
            FetchResult f = store.read(tp, pos, 1 << 20);
            f.toRecords().forEach(rec -> out.add(DeadLetter.fromJson(rec.value())));
            pos = f.nextOffset();
        }
        return out;
    }
}
