package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.kafka.testing.KafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A view shared by a cluster whose rows are retracted: a GROUP BY over a regular join of a stream
 * with a table (one task), whose groups move when a user's city changes. The old group's row must
 * leave the view (a tombstone in the changes topic, applied by every process's copy) whether the
 * table changes before, while or after the task moves to another engine; each process's view
 * then equals the query over the whole input.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterChangelogTest {
    @TempDir
    Path dir;

    private final String namespace = KafkaBroker.uniqueNamespace("changelog");

    private static final String VIEW = "SELECT b.bidder, u.city, COUNT(*) AS n FROM bids b JOIN users u"
            + " ON b.bidder = u.id GROUP BY b.bidder, u.city";

    private Engine open(String name) {
        return Engines.open(EngineConfig.kafka(KafkaBackend.at(KafkaBroker.get().bootstrap()).withNamespace(namespace),
                dir.resolve(name)).withCluster("c"));
    }

    @Test
    void aTableUpdateRetractsTheOldGroupAcrossATaskMove() {
        try (Engine a = open("a"); Session sa = a.openSession()) {
            sa.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, city VARCHAR) WITH (partitions = 2)");
            sa.execute("INSERT INTO users VALUES (1, 'Lima'), (2, 'Oslo'), (3, 'Kyiv'), (4, 'Lima')");
            sa.execute("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT) WITH (partitions = 3,"
                    + " key = 'auction')");
            sa.execute("SET 'state.ttl' = '1 hour'"); // the join keeps every bid otherwise
            sa.execute("CREATE MATERIALIZED VIEW v AS " + VIEW);
            Engine b = open("b");
            try (Session sb = b.openSession()) {
                insert(sa, 0, 100);
                assertSame(sa, List.of(sa, sb), "before any change");
                // a change of the table while the task stays where it is
                sa.execute("INSERT INTO users VALUES (2, 'Rome')");
                insert(sb, 100, 100);
                assertSame(sa, List.of(sa, sb), "after 2 moved to Rome");
                // the engine running the task closes while user 1 moves: the task moves with its state
                Engine holder = runs(a) ? a : b;
                Session other = holder == a ? sb : sa;
                assertThat(runs(holder)).as("one engine runs the view's task").isTrue();
                insert(other, 200, 50);
                Thread closing = new Thread(holder::close, "close-" + (holder == a ? "a" : "b"));
                closing.start();
                other.execute("INSERT INTO users VALUES (1, 'Rome')");
                insert(other, 250, 50);
                join(closing);
                insert(other, 300, 100);
                other.execute("INSERT INTO users VALUES (3, 'Lima')");
                insert(other, 400, 100);
                assertSame(other, List.of(other), "after the task moved");
                assertThat(runs(holder == a ? b : a)).as("the task moved").isTrue();
                if (holder == a) { // reopen the closed engine: its copy of the view follows the changes topic
                    try (Engine a2 = open("a"); Session s2 = a2.openSession()) {
                        assertSame(other, List.of(other, s2), "read through a reopened engine");
                    }
                } else {
                    try (Engine b2 = open("b"); Session s2 = b2.openSession()) {
                        assertSame(other, List.of(other, s2), "read through a reopened engine");
                    }
                }
            } finally {
                b.close();
            }
        }
    }

    private static void join(Thread t) {
        try {
            t.join(60_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(t.isAlive()).as("the engine closed").isFalse();
    }

    private static boolean runs(Engine e) {
        return !((RunnelEngine) e).views().view("v").tasks.tasks().isEmpty();
    }

    /** The view read through each of {@code readers} equals the query over the whole input. */
    private static void assertSame(Session query, List<Session> readers, String when) {
        List<String> want = strings(JobTest.rows(query, "SELECT * FROM (" + VIEW + ") AS q ORDER BY 1, 2"));
        assertThat(want).as(when).hasSizeGreaterThan(2);
        for (Session s : readers) {
            long deadline = System.currentTimeMillis() + 30_000;
            List<String> got;
            do {
                got = strings(JobTest.rows(s, "SELECT * FROM v ORDER BY 1, 2"));
            } while (!got.equals(want) && System.currentTimeMillis() < deadline && pause());
            assertThat(got).as(when).isEqualTo(want);
        }
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

    private static void insert(Session s, int from, int n) {
        StringBuilder sql = new StringBuilder("INSERT INTO bids VALUES ");
        for (int i = from; i < from + n; i++) {
            sql.append(i == from ? "" : ", ").append('(').append(i % 10).append(", ").append(1 + i % 4).append(", ")
                    .append(i).append(')');
        }
        s.execute(sql.toString());
    }
}
