package dev.runnel.exec.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Deterministic inputs of the MATCH_RECOGNIZE goldens ({@code streaming-cep/data/}), with event-time
 * disorder and late rows as {@link StreamingBids} makes them (each row up to 1.5 s behind the clock,
 * about 2% of rows 3-40 s behind it):
 * <ul>
 *   <li>{@code ticks.csv} (symbol, price, ts): 12,000 prices of six symbols, each a random walk;</li>
 *   <li>{@code logins.csv} (user_id, status, ts): 12,000 logins of 200 users, {@code ok} or
 *       {@code fail}, a few users failing most of the time.</li>
 * </ul>
 *
 * <p>Regenerate (the files are committed and {@link CepGoldenTest} checks they still match):
 * {@code java -cp executor/target/test-classes dev.runnel.exec.golden.CepInputs executor/src/test/resources/streaming-cep/data}
 */
public final class CepInputs {
    static final int ROWS = 12_000;
    private static final String[] SYMBOLS = {"ACME", "BOLT", "CRUX", "DYNE", "EPIC", "FLUX"};

    private CepInputs() {}

    /** The event time of the next row, behind {@code clock} by the disorder described above. */
    private static long disordered(SplittableRandom random, long clock) {
        return random.nextInt(100) < 2 ? clock - random.nextInt(3_000, 40_001) : clock - random.nextInt(0, 1_501);
    }

    static String ticks() {
        SplittableRandom random = new SplittableRandom(20261126L);
        long[] prices = new long[SYMBOLS.length];
        java.util.Arrays.fill(prices, 100);
        StringBuilder out = new StringBuilder(ROWS * 32);
        long clock = StreamingBids.START;
        for (int i = 0; i < ROWS; i++) {
            clock += random.nextInt(0, 201);
            int s = random.nextInt(SYMBOLS.length);
            prices[s] = Math.max(1, prices[s] + random.nextInt(-3, 4));
            out.append(SYMBOLS[s]).append(',').append(prices[s]).append(',')
                    .append(StreamingBids.TS.format(Instant.ofEpochMilli(disordered(random, clock)))).append('\n');
        }
        return out.toString();
    }

    static String logins() {
        SplittableRandom random = new SplittableRandom(20261127L);
        StringBuilder out = new StringBuilder(ROWS * 32);
        long clock = StreamingBids.START;
        for (int i = 0; i < ROWS; i++) {
            clock += random.nextInt(0, 401);
            int user = random.nextInt(10) < 3 ? 1 + random.nextInt(10) : 1 + random.nextInt(200);
            int failPercent = user <= 10 ? 70 : 20;
            String status = random.nextInt(100) < failPercent ? "fail" : "ok";
            out.append(user).append(',').append(status).append(',')
                    .append(StreamingBids.TS.format(Instant.ofEpochMilli(disordered(random, clock)))).append('\n');
        }
        return out.toString();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "executor/src/test/resources/streaming-cep/data");
        Files.writeString(dir.resolve("ticks.csv"), ticks(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("logins.csv"), logins(), StandardCharsets.UTF_8);
    }
}
