package dev.runnel.exec.engine;

import static dev.runnel.exec.engine.JobTest.eventually;
import static dev.runnel.exec.engine.JobTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Standing searches on a real engine: matching while events arrive, live changes, restarts, errors. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SearchTest {
    @TempDir
    Path dir;
    Engine engine;
    List<Session> sessions = new ArrayList<>();

    Session open() {
        if (engine == null) {
            engine = Engines.open(EngineConfig.file(dir));
        }
        Session s = engine.openSession();
        s.execute("SET 'checkpoint.interval' = '50 ms'");
        sessions.add(s);
        return s;
    }

    void restart() {
        sessions.forEach(Session::close);
        sessions.clear();
        engine.close();
        engine = null;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            restart();
        }
    }

    static void insert(Session s, String values) {
        s.execute("INSERT INTO posts VALUES " + values);
    }

    static List<String> matches(Session s) {
        return rows(s, "SELECT search_name, id FROM posts_matches").stream().map(r -> r[0] + ":" + r[1]).sorted()
                .toList();
    }

    static void awaitMatches(Session s, List<String> expected) throws InterruptedException {
        eventually(() -> matches(s).size() >= expected.size());
        Thread.sleep(100); // nothing more comes
        assertThat(matches(s)).containsExactlyElementsOf(expected.stream().sorted().toList());
    }

    @Test
    void searchesMatchNewEventsAndChangeWhileTheJobRuns() throws Exception {
        Session s = open();
        s.execute("CREATE STREAM posts (id BIGINT, author VARCHAR, score DOUBLE, url VARCHAR, body VARCHAR, "
                + "ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (partitions = 2, key = 'id')");
        insert(s, "(0, 'ann', 9, 'https://a.org/x', 'rust is fun', TIMESTAMP '2026-01-01 00:00:00')");
        StatementResult created = s.execute("CREATE SEARCH by_ann ON posts WHERE author = 'ann'");
        assertThat(((UpdateResult) created).message()).isEqualTo(
                "created search by_ann (events of posts from now on that match go to posts_matches)");
        s.execute("CREATE SEARCH high ON posts WHERE score BETWEEN 5 AND 10 AND author <> 'bob'");
        s.execute("CREATE SEARCH on_a ON posts WHERE url LIKE 'https://a.org/%'");
        s.execute("CREATE SEARCH rusty ON posts WHERE CONTAINS_TOKEN(body, 'Rust') OR id IN (7, 8)");
        s.execute("CREATE SEARCH odd ON posts WHERE MOD(id, 2) = 1 AND id > 100");
        insert(s, "(1, 'ann', 1, 'https://b.org', 'hello', TIMESTAMP '2026-01-01 00:00:01'),"
                + " (2, 'bob', 7, 'https://a.org/y', 'RUST, rust!', TIMESTAMP '2026-01-01 00:00:02'),"
                + " (3, 'cy', 6.5, NULL, 'rusty', TIMESTAMP '2026-01-01 00:00:03'),"
                + " (7, NULL, NULL, 'http://a.org', NULL, TIMESTAMP '2026-01-01 00:00:04'),"
                + " (101, 'dee', 0, '', 'x', TIMESTAMP '2026-01-01 00:00:05')");
        // the event before the searches (id 0) matches none of them
        awaitMatches(s, List.of("by_ann:1", "on_a:2", "rusty:2", "high:3", "rusty:7", "odd:101"));

        assertThat(rows(s, "SHOW SEARCHES").stream().map(r -> r[0] + " | " + r[1] + " | " + r[3] + " | " + r[4])
                .toList()).containsExactly(
                        "by_ann | posts | posts_matches | equal(author)",
                        "high | posts | posts_matches | range(score)",
                        "on_a | posts | posts_matches | prefix(url)",
                        "rusty | posts | posts_matches | token(body), equal(id)",
                        "odd | posts | posts_matches | range(id)");
        assertThat(rows(s, "DESCRIBE posts_matches").stream().map(r -> (String) r[0]).toList())
                .startsWith("search_name", "id", "author", "score", "url", "body", "ts");

        // a new search applies from now on, a dropped one no more, without restarting the job
        s.execute("CREATE SEARCH by_bob ON posts WHERE author = 'bob'");
        s.execute("DROP SEARCH by_ann");
        insert(s, "(4, 'ann', 1, NULL, NULL, TIMESTAMP '2026-01-01 00:00:06'),"
                + " (5, 'bob', 1, NULL, NULL, TIMESTAMP '2026-01-01 00:00:07')");
        awaitMatches(s, List.of("by_ann:1", "on_a:2", "rusty:2", "high:3", "rusty:7", "odd:101", "by_bob:5"));

        // searches survive a restart; nothing is matched twice
        restart();
        s = open();
        insert(s, "(6, 'bob', 8, NULL, 'Rust', TIMESTAMP '2026-01-01 00:00:08')");
        awaitMatches(s, List.of("by_ann:1", "on_a:2", "rusty:2", "high:3", "rusty:7", "odd:101", "by_bob:5",
                "by_bob:6", "rusty:6"));
        assertThat(rows(s, "SHOW JOBS").stream().map(r -> r[0] + " " + r[1]).toList())
                .contains("posts_searches RUNNING");

        // the matches stream is a stream like others: windows over it work
        assertThat(rows(s, "SELECT search_name, COUNT(*) FROM TABLE(TUMBLE(TABLE posts_matches, DESCRIPTOR(ts),"
                + " INTERVAL '1' HOUR)) GROUP BY window_start, window_end, search_name ORDER BY search_name").stream()
                .map(r -> r[0] + "=" + r[1]).toList())
                .containsExactly("by_ann=1", "by_bob=2", "high=1", "odd=1", "on_a=1", "rusty=3");

        for (String name : List.of("high", "on_a", "rusty", "odd", "by_bob")) {
            s.execute("DROP SEARCH " + name);
        }
        assertThat(rows(s, "SHOW SEARCHES")).isEmpty();
        assertThat(rows(s, "SHOW JOBS").stream().map(r -> (String) r[0]).toList()).doesNotContain("posts_searches");
    }

    /** The example of docs/sql.md ("Standing searches"), whose matches the reference shows unexecuted. */
    @Test
    void theReferenceExample() throws Exception {
        Session s = open();
        s.execute("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,"
                + " date_time TIMESTAMP(3), extra VARCHAR, WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND)"
                + " WITH (topic = 'bids', partitions = 4, format = 'json', key = 'auction')");
        s.execute("INSERT INTO bids VALUES (2, 10, 1200, 'web', 'https://shop.example/item?id=2',"
                + " TIMESTAMP '2026-01-01 00:00:04', 'gift')");
        s.execute("CREATE SEARCH gifts ON bids WHERE CONTAINS_TOKEN(extra, 'gift')");
        s.execute("CREATE SEARCH big_web ON bids WHERE channel = 'web' AND price >= 1000");
        s.execute("CREATE SEARCH item_2 ON bids WHERE url LIKE 'https://shop.example/item?id=2%' OR auction IN (7, 8)");
        s.execute("CREATE SEARCH odd_bidders ON bids WHERE MOD(bidder, 2) = 1 AND price > 5000");
        s.execute("INSERT INTO bids VALUES\n"
                + "  (2, 14, 1800, 'web', 'https://shop.example/item?id=2', TIMESTAMP '2026-01-01 00:00:15', 'A gift, wrapped'),\n"
                + "  (7, 15, 9000, 'app', NULL, TIMESTAMP '2026-01-01 00:00:16', 'gifts')");
        List<String> expected = List.of("big_web|2|14|1800", "gifts|2|14|1800", "item_2|2|14|1800", "item_2|7|15|9000",
                "odd_bidders|7|15|9000");
        java.util.function.Supplier<List<String>> read = () -> rows(s, "SELECT search_name, auction, bidder, price"
                + " FROM bids_matches").stream().map(r -> r[0] + "|" + r[1] + "|" + r[2] + "|" + r[3]).sorted().toList();
        eventually(() -> read.get().size() >= expected.size());
        assertThat(read.get()).containsExactlyElementsOf(expected);
    }

    @Test
    void badSearchesFailWithTheirSqlState() {
        Session s = open();
        s.execute("CREATE STREAM posts (id BIGINT, author VARCHAR)");
        s.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR)");
        s.execute("CREATE SEARCH a ON posts WHERE id = 1");

        RunnelSqlException unknownColumn = catchThrowableOfType(() -> s.execute(
                "CREATE SEARCH b ON posts\n  WHERE id = 2 AND auther = 'x'"), RunnelSqlException.class);
        assertThat(unknownColumn.sqlState()).isEqualTo("42S22");
        assertThat(unknownColumn.position()).isEqualTo(new SourcePos(2, 20));

        RunnelSqlException duplicate = catchThrowableOfType(() -> s.execute("CREATE SEARCH A ON posts WHERE id = 3"),
                RunnelSqlException.class);
        assertThat(duplicate.sqlState()).isEqualTo("42710");
        assertThat(((UpdateResult) s.execute("CREATE SEARCH IF NOT EXISTS a ON posts WHERE id = 3")).message())
                .isEqualTo("search a already exists; nothing done");

        RunnelSqlException missing = catchThrowableOfType(() -> s.execute("DROP SEARCH nope"),
                RunnelSqlException.class);
        assertThat(missing.sqlState()).isEqualTo("42704");
        assertThat(((UpdateResult) s.execute("DROP SEARCH IF EXISTS nope")).message())
                .isEqualTo("search nope does not exist; nothing done");

        RunnelSqlException noStream = catchThrowableOfType(() -> s.execute("CREATE SEARCH c ON postz WHERE id = 1"),
                RunnelSqlException.class);
        assertThat(noStream.sqlState()).isEqualTo("42S02");
        assertThat(noStream.getMessage()).contains("did you mean 'posts'?");
        assertThat(catchThrowableOfType(() -> s.execute("CREATE SEARCH c ON users WHERE id = 1"),
                RunnelSqlException.class).sqlState()).isEqualTo("42000");

        assertThat(catchThrowableOfType(() -> s.execute("DROP JOB posts_searches"), RunnelSqlException.class)
                .sqlState()).isEqualTo("2BP01");
        assertThat(catchThrowableOfType(() -> s.execute("STOP JOB posts_searches"), RunnelSqlException.class)
                .getMessage()).contains("DROP SEARCH them instead");
        assertThat(rows(s, "DESCRIBE posts").stream().filter(r -> "(searches)".equals(r[0])).map(r -> (String) r[4])
                .toList()).containsExactly("a -> posts_matches (job posts_searches)");
        assertThat(rows(s, "DESCRIBE posts_matches").stream().filter(r -> "(matches of)".equals(r[0]))
                .map(r -> (String) r[1]).toList()).containsExactly("posts");

        RunnelSqlException dropStream = catchThrowableOfType(() -> s.execute("DROP STREAM posts"),
                RunnelSqlException.class);
        assertThat(dropStream.sqlState()).isEqualTo("2BP01");
        assertThat(dropStream.getMessage()).contains("has standing searches (a)");
    }
}
