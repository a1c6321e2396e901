package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream aggregated per an attribute of a CDC table, joined as of each event's time: after every
 * step of a Debezium history (creates, updates, key changes, deletes) and of the stream, the pull
 * query equals a recomputation from the history, with each event joined to the account's version
 * valid at its time.
 */
class CdcTemporalJoinTest {
    static final long T0 = 1_767_225_600_000L; // 2026-01-01 00:00:00 UTC
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** One version of an account: valid from {@code time}; a null tier is a deletion. */
    record Version(long time, String tier) {}

    static String row(long id, String tier, long time) {
        return "{\"id\":" + id + ",\"tier\":\"" + tier + "\",\"updated\":" + time + "}";
    }

    @Test
    void paymentsPerTierAsOfEachPaymentEqualARecomputationAfterEveryStep() throws IOException {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, tier VARCHAR, updated TIMESTAMP(3),"
                    + " WATERMARK FOR updated AS updated) WITH (format = 'debezium-json', partitions = 2)");
            s.execute("CREATE STREAM payments (account BIGINT, amount BIGINT, ts TIMESTAMP(3),"
                    + " WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (partitions = 3, key = 'account')");
            Random random = new Random(3);
            String[] tiers = {"bronze", "silver", "gold"};
            Map<Long, List<Version>> history = new TreeMap<>();
            Map<Long, String> current = new TreeMap<>();
            Map<Long, Long> lastTime = new TreeMap<>();
            List<long[]> payments = new ArrayList<>(); // account, amount, ts
            long nextId = 1;
            for (int step = 0; step < 8; step++) {
                long base = T0 + step * 60_000L;
                List<String> events = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    long time = base + random.nextInt(60_000);
                    int what = random.nextInt(10);
                    if (current.size() < 3 || what < 3) {
                        long id = nextId++;
                        String tier = tiers[random.nextInt(3)];
                        events.add("{\"before\":null,\"after\":" + row(id, tier, time) + ",\"op\":\"" + (step == 0 ? "r"
                                : "c") + "\"}");
                        current.put(id, tier);
                        history.computeIfAbsent(id, k -> new ArrayList<>()).add(new Version(time, tier));
                        lastTime.put(id, time);
                    } else {
                        List<Long> ids = new ArrayList<>(current.keySet());
                        long id = ids.get(random.nextInt(ids.size()));
                        time = Math.max(time, lastTime.get(id) + 1); // a row changes after it was last written
                        String before = row(id, current.get(id), lastTime.get(id));
                        if (what < 7) {
                            String tier = tiers[random.nextInt(3)];
                            events.add("{\"before\":" + before + ",\"after\":" + row(id, tier, time) + ",\"op\":\"u\"}");
                            current.put(id, tier);
                            history.get(id).add(new Version(time, tier));
                            lastTime.put(id, time);
                        } else if (what < 9) {
                            // the delete's row carries the time of the deleted version: it is gone from then on
                            events.add("{\"before\":" + before + ",\"after\":null,\"op\":\"d\"}");
                            events.add("null");
                            history.get(id).add(new Version(lastTime.get(id), null));
                            current.remove(id);
                        } else { // a key change: the old key is deleted as of its version, the new one starts
                            long to = nextId++;
                            String tier = current.remove(id);
                            events.add("{\"before\":" + before + ",\"after\":" + row(to, tier, time) + ",\"op\":\"u\"}");
                            history.get(id).add(new Version(lastTime.get(id), null));
                            history.computeIfAbsent(to, k -> new ArrayList<>()).add(new Version(time, tier));
                            current.put(to, tier);
                            lastTime.put(to, time);
                        }
                    }
                }
                Path file = dir.resolve("accounts-" + step + ".json");
                Files.write(file, events);
                s.execute("COPY accounts FROM '" + file + "'");
                StringBuilder insert = new StringBuilder("INSERT INTO payments VALUES ");
                for (int i = 0; i < 20; i++) {
                    long account = 1 + random.nextInt((int) nextId);
                    long amount = 1 + random.nextInt(100);
                    long ts = base + random.nextInt(60_000);
                    payments.add(new long[] {account, amount, ts});
                    insert.append(i == 0 ? "" : ", ").append('(').append(account).append(", ").append(amount)
                            .append(", TIMESTAMP '").append(TIME.format(Instant.ofEpochMilli(ts))).append("')");
                }
                s.execute(insert.toString());
                Map<String, long[]> expected = new TreeMap<>();
                for (long[] p : payments) {
                    String tier = null;
                    for (Version v : history.getOrDefault(p[0], List.of())) { // in order of arrival, times rising
                        if (v.time() <= p[2]) {
                            tier = v.tier();
                        }
                    }
                    if (tier != null) {
                        long[] agg = expected.computeIfAbsent(tier, k -> new long[2]);
                        agg[0]++;
                        agg[1] += p[1];
                    }
                }
                List<List<Object>> want = new ArrayList<>();
                expected.forEach((tier, agg) -> want.add(List.of(tier, agg[0], agg[1])));
                assertThat(CdcTableTest.rows(s, "SELECT a.tier, COUNT(*), SUM(p.amount) FROM payments p"
                        + " JOIN accounts FOR SYSTEM_TIME AS OF p.ts AS a ON a.id = p.account GROUP BY a.tier"
                        + " ORDER BY a.tier")).as("step %d", step).isEqualTo(want);
            }
        }
    }
}
