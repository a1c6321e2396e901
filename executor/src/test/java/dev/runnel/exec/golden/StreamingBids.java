package dev.runnel.exec.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Deterministic Nexmark-shaped bids with event-time disorder and late rows, the input of the
 * streaming goldens ({@code streaming/data/bids.csv}, columns auction, bidder, price, channel,
 * date_time). Event time advances 100 ms a row on average; each row is up to 1.5 s behind that
 * clock (disorder the 2 s watermark delay absorbs), and about 2% of rows are 3-40 s behind it: late
 * for the windows that have fired, still counted by those that have not.
 *
 * <p>Regenerate (the file is committed and {@link StreamingGoldenTest} checks it still matches):
 * {@code java -cp executor/target/test-classes dev.runnel.exec.golden.StreamingBids
 * executor/src/test/resources/streaming/data/bids.csv}
 */
public final class StreamingBids {
    static final long SEED = 20260105L;
    static final int ROWS = 12_000;
    static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final String[] CHANNELS = {"web", "app", "ios", "android"};
    static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private StreamingBids() {}

    static String csv() {
        SplittableRandom random = new SplittableRandom(SEED);
        StringBuilder out = new StringBuilder(ROWS * 48);
        long clock = START;
        for (int i = 0; i < ROWS; i++) {
            clock += random.nextInt(0, 201);
            long ts;
            int dice = random.nextInt(100);
            if (dice < 2) {
                ts = clock - random.nextInt(3_000, 40_001);
            } else {
                ts = clock - random.nextInt(0, 1_501);
            }
            // a few hot auctions, as in Nexmark
            long auction = random.nextInt(10) < 6 ? 1 + random.nextInt(8) : 1 + random.nextInt(60);
            long bidder = 100 + random.nextInt(200);
            long price = random.nextInt(10) == 0 ? 1_000 + random.nextInt(9_000) : 1 + random.nextInt(1_000);
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            out.append(auction).append(',').append(bidder).append(',').append(price).append(',')
                    .append(channel).append(',').append(TS.format(Instant.ofEpochMilli(ts))).append('\n');
        }
        return out.toString();
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "executor/src/test/resources/streaming/data/bids.csv");
        Files.writeString(file, csv(), StandardCharsets.UTF_8);
    }
}
