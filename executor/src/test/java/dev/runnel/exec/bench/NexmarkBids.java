package dev.runnel.exec.bench;

import dev.runnel.exec.format.ByteBuilder;
import dev.runnel.exec.format.DateTimeText;
import dev.runnel.exec.testing.Relations;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Nexmark-shaped bids for benchmarks: auction, bidder, price, channel, url, date_time, extra, with
 * the generator's value shapes (hot auctions and bidders, four channels with their url, an event
 * every millisecond or so, a short random extra).
 */
final class NexmarkBids {
    static final long T0 = 1_767_225_600_000L;
    private static final String[] CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
    private static final String[] URLS = {
        "https://www.nexmark.com/mjsf/wvs/spcp/item.htm?query=1&channel_id=1681915904",
        "https://www.nexmark.com/sdsd/dfes/ddsx/item.htm?query=1&channel_id=1375731712",
        "https://www.nexmark.com/qsrr/ssdf/vjmz/item.htm?query=1&channel_id=545259520",
        "https://www.nexmark.com/ioen/ljdf/qizf/item.htm?query=1&channel_id=25165824"};

    private NexmarkBids() {}

    /** The bids stream stored {@code format}, keyed by auction, over {@code partitions}; fsync as given. */
    static RelationDef stream(String name, Format format, int partitions, String fsync) {
        RelationDef r = Relations.stream(name, Relations.bidColumns(), format, partitions, List.of(0), 5);
        return new RelationDef(r.name(), r.kind(), r.columns(), r.primaryKey(), r.watermark(), r.storage(),
                Map.of("format", format.sqlName(), "fsync", fsync), r.sql());
    }

    /** Writes {@code rows} bids as csv (no header) to {@code file}. */
    static void writeCsv(Path file, int rows, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        ByteBuilder b = new ByteBuilder(1 << 20);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < rows; i++) {
                long auction = 1000 + (r.nextInt(100) < 90 ? r.nextInt(100) : r.nextInt(100_000));
                long bidder = 1000 + (r.nextInt(100) < 90 ? r.nextInt(1000) : r.nextInt(1_000_000));
                long price = 100 + r.nextInt(10_000_000);
                int c = r.nextInt(CHANNELS.length);
                b.appendLong(auction).append((byte) ',').appendLong(bidder).append((byte) ',').appendLong(price)
                        .append((byte) ',').appendAscii(CHANNELS[c]).append((byte) ',').appendAscii(URLS[c])
                        .append((byte) ',');
                DateTimeText.appendTimestamp(T0 + i + r.nextInt(3), b);
                b.append((byte) ',');
                int extra = r.nextInt(24);
                for (int k = 0; k < extra; k++) {
                    b.append((byte) ('a' + r.nextInt(26)));
                }
                b.append((byte) '\n');
                if (b.length() > (1 << 20) - 512) {
                    out.write(b.array(), 0, b.length());
                    b.reset();
                }
            }
            out.write(b.array(), 0, b.length());
        }
    }
}
