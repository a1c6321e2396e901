package dev.runnel.exec.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Deterministic inputs of the join goldens ({@code streaming-joins/data/}): Nexmark-shaped
 * auctions ({@code auctions.csv}: id, seller, category, date_time; 10,000 rows) and bids
 * ({@code bids.csv}: auction, bidder, price, date_time; 12,000 rows) over the same 17 minutes of
 * event time. Each row is up to 1.5 s behind its stream's clock (disorder the 2 s watermark delay
 * absorbs, so no row is behind its stream's watermark and Flink's results do not depend on how its
 * two sources interleave); auction ids repeat (1..300), so a bid finds an auction of its id within
 * seconds now and then, and many rows of each side find none (what outer joins pad).
 *
 * <p>Regenerate (the files are committed and {@link JoinGoldenTest} checks they still match):
 * {@code java -cp executor/target/test-classes dev.runnel.exec.golden.StreamingJoins
 * executor/src/test/resources/streaming-joins/data}
 */
public final class StreamingJoins {
    static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    static final int AUCTIONS = 10_000;
    static final int BIDS = 12_000;
    static final long SPAN = 1_000_000; // ms of event time both streams cover

    private StreamingJoins() {}

    static String auctions() {
        SplittableRandom random = new SplittableRandom(20260201L);
        StringBuilder out = new StringBuilder(AUCTIONS * 40);
        for (int i = 0; i < AUCTIONS; i++) {
            long clock = START + SPAN * i / AUCTIONS;
            long ts = clock - random.nextInt(0, 1_501);
            long id = 1 + random.nextInt(300);
            long seller = 1000 + random.nextInt(50);
            long category = 10 + random.nextInt(5);
            out.append(id).append(',').append(seller).append(',').append(category).append(',')
                    .append(StreamingBids.TS.format(Instant.ofEpochMilli(ts))).append('\n');
        }
        return out.toString();
    }

    static String bids() {
        SplittableRandom random = new SplittableRandom(20260202L);
        StringBuilder out = new StringBuilder(BIDS * 40);
        for (int i = 0; i < BIDS; i++) {
            long clock = START + SPAN * i / BIDS;
            long ts = clock - random.nextInt(0, 1_501);
            long auction = 1 + random.nextInt(300);
            long bidder = 100 + random.nextInt(200);
            long price = 1 + random.nextInt(1_000);
            out.append(auction).append(',').append(bidder).append(',').append(price).append(',')
                    .append(StreamingBids.TS.format(Instant.ofEpochMilli(ts))).append('\n');
        }
        return out.toString();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "executor/src/test/resources/streaming-joins/data");
        Files.writeString(dir.resolve("auctions.csv"), auctions(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("bids.csv"), bids(), StandardCharsets.UTF_8);
    }
}
