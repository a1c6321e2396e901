package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.cluster.ClusterPlan;
import dev.runnel.log.kafka.testing.KafkaBroker;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Views split by key across the engines of a cluster beyond GROUP BY: joins of two streams
 * (interval, window, regular), Top-N, deduplication, OVER and MATCH_RECOGNIZE, each input through
 * its own repartition topic. Three engines share the views; one closes mid-stream (its tasks
 * move); the views read through the others then equal the same queries run over the whole input
 * (pull queries), once rows far ahead in every partition have moved the watermarks past the data.
 * The streams have 3 and 2 partitions: a view joining them has 3 tasks.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterSplitTest {
    @TempDir
    Path dir;

    private final String namespace = KafkaBroker.uniqueNamespace("split");

    private static final long BASE = 1_767_225_600_000L;
    private static final String BIDS = "CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, ts TIMESTAMP(3),"
            + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (partitions = 3, key = 'auction')";
    private static final String AUCTIONS = "CREATE STREAM auctions (id BIGINT, seller BIGINT, ts TIMESTAMP(3),"
            + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (partitions = 2, key = 'id')";

    private static final String RATES = "CREATE TABLE rates (id BIGINT PRIMARY KEY, factor BIGINT, valid TIMESTAMP(3),"
            + " WATERMARK FOR valid AS valid) WITH (partitions = 2)";

    private Engine open(String name) {
        return Engines.open(EngineConfig.kafka(KafkaBackend.at(KafkaBroker.get().bootstrap()).withNamespace(namespace),
                dir.resolve(name)).withCluster("c"));
    }

    /**
     * A view under test: its query, the column its rows are filtered on (keys far ahead left out),
     * how many inputs it splits, and whether its rows do not wait for a watermark (so read-your-writes
     * gives the answer at once, without waiting for watermarks to cross the processes).
     */
    private record View(String sql, String key, int inputs, boolean exact) {}

    @Test
    void joinsOfTwoStreamsSplitByTheirKey() {
        Map<String, View> views = new LinkedHashMap<>();
        views.put("ij", new View("SELECT b.auction, COUNT(*) AS n, SUM(b.price) AS total FROM bids b JOIN auctions a"
                + " ON a.id = b.auction AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '2' SECOND GROUP BY b.auction",
                "auction", 2, true));
        views.put("wj", new View("SELECT a.id, a.window_start, COUNT(*) AS n, SUM(b.price) AS total"
                + " FROM (SELECT * FROM TABLE(TUMBLE(TABLE auctions, DESCRIPTOR(ts), INTERVAL '2' SECOND))) a"
                + " JOIN (SELECT * FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '2' SECOND))) b"
                + " ON a.id = b.auction AND a.window_start = b.window_start AND a.window_end = b.window_end"
                + " GROUP BY a.id, a.window_start", "id", 2, false));
        views.put("rj", new View("SELECT a.seller, b.auction, COUNT(*) AS n, MAX(b.price) AS top FROM bids b"
                + " JOIN auctions a ON a.id = b.auction GROUP BY b.auction, a.seller", "auction", 2, true));
        run(views);
    }

    @Test
    void topNDeduplicationOverAndMatchRecognizeSplitByTheirPartitionKeys() {
        Map<String, View> views = new LinkedHashMap<>();
        views.put("topn", new View("SELECT * FROM (SELECT auction, bidder, price, ROW_NUMBER() OVER (PARTITION BY auction"
                + " ORDER BY price DESC) AS rownum FROM bids WHERE bidder <> 3) WHERE rownum <= 3", "auction", 1, true));
        views.put("dedup", new View("SELECT auction, bidder, price, ts FROM (SELECT auction, bidder, price, ts,"
                + " ROW_NUMBER() OVER (PARTITION BY auction ORDER BY ts) AS rn FROM bids WHERE price > 100)"
                + " WHERE rn = 1", "auction", 1, true));
        views.put("moving", new View("SELECT auction, MAX(cnt) AS most, SUM(total) AS sums FROM (SELECT auction,"
                + " COUNT(*) OVER w AS cnt, SUM(price) OVER w AS total FROM bids WINDOW w AS (PARTITION BY auction"
                + " ORDER BY ts RANGE BETWEEN INTERVAL '1' SECOND PRECEDING AND CURRENT ROW)) o GROUP BY auction",
                "auction", 1, false));
        views.put("mr", new View("SELECT auction, COUNT(*) AS found, MAX(top) AS top FROM (SELECT * FROM bids"
                + " MATCH_RECOGNIZE (PARTITION BY auction ORDER BY ts MEASURES A.price AS top, LAST(B.price) AS low"
                + " ONE ROW PER MATCH AFTER MATCH SKIP PAST LAST ROW PATTERN (A B+ C) DEFINE B AS B.price < PREV(B.price),"
                + " C AS C.price > PREV(C.price)"
                + ")) m GROUP BY auction", "auction", 1, false));
        run(views);
    }

    /**
     * Where the cut's keys do not hold above it (a GROUP BY bidder over a GROUP BY auction, bidder),
     * the view runs as one task; a view over a split view reads that view's changes topic and moves
     * between processes with its state.
     */
    @Test
    void anAggregateOnOtherKeysRunsAsOneTaskAndAViewOverAViewFollowsItsChanges() {
        Map<String, View> views = new LinkedHashMap<>();
        views.put("spend", new View("SELECT auction, bidder, COUNT(*) AS n, SUM(price) AS total FROM bids"
                + " GROUP BY auction, bidder", "auction", 1, true));
        views.put("per_bidder", new View("SELECT bidder, SUM(n) AS n, COUNT(*) AS auctions FROM spend GROUP BY bidder",
                "bidder", 0, true));
        views.put("by_bidder", new View("SELECT bidder, COUNT(*) AS n, SUM(price) AS total FROM bids GROUP BY bidder",
                "bidder", 1, true)); // NULL bidders: one group, in one task
        views.put("busy", new View("SELECT auction, bidder, n FROM spend WHERE n >= 5", "auction", 0, true));
        views.put("regrouped", new View("SELECT bidder, COUNT(*) AS auctions, SUM(n) AS n FROM (SELECT auction, bidder,"
                + " COUNT(*) AS n FROM bids GROUP BY auction, bidder) g GROUP BY bidder", "bidder", 0, true));
        run(views);
    }

    /**
     * A temporal join of a stream with a table splits by the stream's key, the whole table read by
     * every task (Kafka Streams' global table); the rates change while bids arrive.
     */
    @Test
    void aTemporalJoinSplitsByTheStreamsKeyWithTheWholeTableInEveryTask() {
        Map<String, View> views = new LinkedHashMap<>();
        views.put("rated", new View("SELECT b.auction, COUNT(*) AS n, SUM(b.price * r.factor) AS total FROM bids b"
                + " JOIN rates FOR SYSTEM_TIME AS OF b.ts AS r ON r.id = b.auction GROUP BY b.auction", "auction", 1,
                false));
        run(views);
    }

    /** Where the plan is cut, and where it is not (one task), by the shape of the query alone. */
    @Test
    void theCutNeedsEveryPartitionToHoldAllOfItsKeys() {
        try (Engine a = open("a"); Session sa = a.openSession()) {
            sa.execute(BIDS);
            sa.execute(AUCTIONS);
            sa.execute("CREATE STREAM offers (item DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (partitions = 4)");
            Map<String, Integer> inputs = new LinkedHashMap<>();
            // a GROUP BY on the inner one's key and more above it: split
            inputs.put("SELECT auction, n, COUNT(*) AS times FROM (SELECT auction, COUNT(*) AS n FROM bids"
                    + " GROUP BY auction) g GROUP BY auction, n", 1);
            // a self-join (both stage As would commit one partition's offsets): one task
            inputs.put("SELECT x.auction, COUNT(*) AS n FROM bids x JOIN bids y ON x.auction = y.auction"
                    + " AND y.ts BETWEEN x.ts AND x.ts + INTERVAL '1' SECOND GROUP BY x.auction", 0);
            // streams of 4 and 3 partitions, a BIGINT key cast to DOUBLE in stage A: 4 tasks, keys written alike
            inputs.put("SELECT o.item, COUNT(*) AS n FROM offers o JOIN bids b ON o.item = b.price"
                    + " AND b.ts BETWEEN o.ts AND o.ts + INTERVAL '1' SECOND GROUP BY o.item", 2);
            // a regular join of a stream with a table: one task (a temporal join splits, see above)
            sa.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, city VARCHAR) WITH (partitions = 2)");
            sa.execute("SET 'state.ttl' = '1 hour'");
            inputs.put("SELECT b.bidder, u.city, COUNT(*) AS n FROM bids b JOIN users u ON b.bidder = u.id"
                    + " GROUP BY b.bidder, u.city", 0);
            // a union under the GROUP BY: one task
            inputs.put("SELECT k, COUNT(*) AS n FROM (SELECT auction AS k FROM bids UNION ALL SELECT id AS k FROM"
                    + " auctions) u GROUP BY k", 0);
            int i = 0;
            for (var e : inputs.entrySet()) {
                String name = "v" + i++;
                sa.execute("CREATE MATERIALIZED VIEW " + name + " AS " + e.getKey());
                ClusterPlan plan = ((RunnelEngine) a).views().view(name).plan;
                assertThat(plan.inputs()).as(e.getKey()).hasSize(e.getValue());
                assertThat(plan.tasks()).as(e.getKey()).isEqualTo(e.getValue() == 0 ? 1 : e.getValue() == 2 ? 4 : 3);
                for (ClusterPlan.Repartition r : plan.inputs()) {
                    assertThat(r.topic().storage().partitions()).isEqualTo(plan.tasks());
                    if (r.topic().watermark().isPresent()) { // as many watermark slots as the stream's partitions
                        assertThat(r.topic().options()).containsEntry("watermark.records",
                                Integer.toString(r.sourcePartitions()));
                    }
                }
                assertThat(ClusterPlan.topics(name)).contains(ClusterPlan.repartitionTopic(name, 0),
                        ClusterPlan.repartitionTopic(name, 1));
                for (ClusterPlan.Repartition r : plan.inputs()) {
                    assertThat(a.log().topicExists(r.topic().storage().topic())).isTrue();
                }
            }
            ClusterPlan join = ((RunnelEngine) a).views().view("v2").plan; // DROP deletes both repartition topics
            sa.execute("DROP MATERIALIZED VIEW v2");
            for (ClusterPlan.Repartition r : join.inputs()) {
                assertThat(a.log().topicExists(r.topic().storage().topic())).as(r.topic().name()).isFalse();
            }
        }
    }

    private void run(Map<String, View> views) {
        try (Engine a = open("a"); Session sa = a.openSession()) {
            sa.execute(BIDS);
            sa.execute(AUCTIONS);
            sa.execute(RATES);
            sa.execute("INSERT INTO rates VALUES " + rates(0, 10, 1, BASE));
            sa.execute("SET 'state.ttl' = '1 hour'"); // the regular join of two streams needs it
            for (var v : views.entrySet()) {
                String created = ((UpdateResult) sa.execute("CREATE MATERIALIZED VIEW " + v.getKey() + " AS "
                        + v.getValue().sql())).message();
                ClusterPlan plan = ((RunnelEngine) a).views().view(v.getKey()).plan;
                assertThat(plan.inputs()).as(v.getKey()).hasSize(v.getValue().inputs());
                if (v.getValue().inputs() > 0) {
                    assertThat(created).as(v.getKey()).contains("3 tasks");
                    for (ClusterPlan.Repartition r : plan.inputs()) {
                        assertThat(a.log().describeTopic(r.topic().storage().topic()).partitions()).hasSize(3);
                    }
                } else {
                    assertThat(created).as(v.getKey()).contains("1 task)");
                }
            }
            try (Engine b = open("b"); Session sb = b.openSession()) {
                try (Engine c = open("c"); Session sc = c.openSession()) {
                    insert(sa, 0, 250);
                    insert(sc, 250, 250);
                    sc.execute("INSERT INTO rates VALUES " + rates(0, 5, 2, BASE + 500 * 20L)); // new versions
                    assertExact(views, sa, List.of(sa, sb, sc)); // every process answers for the whole view
                    awaitTasks(c, views.keySet().iterator().next());
                }
                insert(sb, 500, 250); // c closed: its tasks moved to a and b
                insert(sa, 750, 250);
                assertExact(views, sa, List.of(sb, sa));
                StringBuilder far = new StringBuilder();
                StringBuilder farAuctions = new StringBuilder();
                for (int k = 0; k < 40; k++) { // every partition of both streams far ahead
                    far.append(k == 0 ? "" : ", ").append('(').append(1000 + k).append(", 0, 0, TIMESTAMP '2027-01-01 00:00:00')");
                    farAuctions.append(k == 0 ? "" : ", ").append('(').append(1000 + k).append(", 0, TIMESTAMP '2027-01-01 00:00:00')");
                }
                sb.execute("INSERT INTO bids VALUES " + far);
                sb.execute("INSERT INTO auctions VALUES " + farAuctions);
                sb.execute("INSERT INTO rates VALUES " + rates(1000, 40, 1, BASE + 400_000_000L)); // its watermark too
                for (var v : views.entrySet()) {
                    String filter = " WHERE " + v.getValue().key() + " < 1000 ORDER BY 1, 2, 3";
                    List<String> want = strings(JobTest.rows(sa, "SELECT * FROM (" + v.getValue().sql() + ") AS q"
                            + filter));
                    assertThat(want).as(v.getKey()).hasSizeGreaterThan(3);
                    for (Session s : List.of(sa, sb)) {
                        assertEventually(s, "SELECT * FROM " + v.getKey() + filter, want, v.getKey());
                    }
                }
            }
        }
    }

    /** Each view whose rows wait for no watermark equals its query at once through each of {@code readers}. */
    private static void assertExact(Map<String, View> views, Session query, List<Session> readers) {
        for (var v : views.entrySet()) {
            if (v.getValue().exact()) {
                String order = " ORDER BY 1, 2, 3";
                List<String> want = strings(JobTest.rows(query, "SELECT * FROM (" + v.getValue().sql() + ") AS q"
                        + order));
                for (Session s : readers) {
                    assertThat(strings(JobTest.rows(s, "SELECT * FROM " + v.getKey() + order))).as(v.getKey())
                            .isEqualTo(want);
                }
            }
        }
    }

    private static void assertEventually(Session s, String sql, List<String> want, String view) {
        long deadline = System.currentTimeMillis() + 60_000;
        List<String> got;
        do {
            got = strings(JobTest.rows(s, sql));
        } while (!got.equals(want) && System.currentTimeMillis() < deadline && pause());
        assertThat(got).as(view).isEqualTo(want);
    }

    private static boolean pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return true;
    }

    private static List<String> strings(List<Object[]> rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(Arrays.toString(r)));
        return out;
    }

    /**
     * Bids {@code from} … (every 4th also an auction; every 13th without a bidder), in time order,
     * 20 ms apart: no row late in its partition.
     */
    private static void insert(Session s, int from, int n) {
        StringBuilder bids = new StringBuilder("INSERT INTO bids VALUES ");
        StringBuilder auctions = new StringBuilder("INSERT INTO auctions VALUES ");
        boolean firstAuction = true;
        for (int i = from; i < from + n; i++) {
            String ts = time(BASE + i * 20L);
            bids.append(i == from ? "" : ", ").append('(').append(i % 10).append(", ")
                    .append(i % 13 == 0 ? "NULL" : Long.toString(i % 7)).append(", ")
                    .append((i * 37L) % 1009).append(", ").append(ts).append(')');
            if (i % 4 == 0) {
                auctions.append(firstAuction ? "" : ", ").append('(').append((i / 4) % 10).append(", ").append(i % 5)
                        .append(", ").append(ts).append(')');
                firstAuction = false;
            }
        }
        s.execute(auctions.toString());
        s.execute(bids.toString());
    }

    /** Versions of rates {@code from} … {@code from + n - 1}, all {@code factor}, valid from {@code millis}. */
    private static String rates(int from, int n, long factor, long millis) {
        StringBuilder sql = new StringBuilder();
        for (int k = from; k < from + n; k++) {
            sql.append(k == from ? "" : ", ").append('(').append(k).append(", ").append(factor).append(", ")
                    .append(time(millis)).append(')');
        }
        return sql.toString();
    }

    private static String time(long millis) {
        return "TIMESTAMP '" + LocalDateTime.ofEpochSecond(millis / 1000, (int) (millis % 1000) * 1_000_000,
                ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")) + "'";
    }

    /** Waits until engine {@code e} runs some of view {@code view}'s tasks (so closing it moves them). */
    private static void awaitTasks(Engine e, String view) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (((RunnelEngine) e).views().view(view).tasks.tasks().isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("engine c got no task of " + view);
            }
            pause();
        }
    }
}
