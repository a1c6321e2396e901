package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.format.KeyEncoder;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A continuous scan of an upsert TABLE is its changelog: push queries show +I/-U/+U/-D, and views
 * over tables (aggregates that retract) equal a recomputation through updates and deletes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TableChangelogTest {
    Engine engine;
    Session s;
    Session writer;

    @BeforeEach
    void open() {
        engine = Engines.open(EngineConfig.memory());
        s = engine.openSession();
        writer = engine.openSession();
        writer.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR)"
                + " WITH (partitions = 3)");
    }

    @AfterEach
    void close() {
        s.close();
        writer.close();
        engine.close();
    }

    /** Deletes a key the way other log writers do: a record with the key and no value. */
    void tombstone(long id) {
        byte[] key = Long.toString(id).getBytes(StandardCharsets.UTF_8);
        int p = KeyEncoder.partitionOf(key, 3);
        ((RunnelEngine) engine).log().append(new TopicPartition("users", p), List.of(Record.of(key, null)));
    }

    static List<List<Object>> fetch(RowResult r, int n) {
        List<List<Object>> out = new ArrayList<>();
        while (out.size() < n) {
            List<Object[]> chunk = r.fetch(n - out.size());
            if (chunk.isEmpty()) {
                break;
            }
            chunk.forEach(row -> out.add(Arrays.asList(row)));
        }
        return out;
    }

    static List<List<Object>> rows(Session s, String sql) {
        return fetch((RowResult) s.execute(sql), Integer.MAX_VALUE);
    }

    @Test
    void aPushQueryOverATableShowsInsertsUpdatesAndDeletesAndNothingForUnchangedRowsOrAbsentKeys() {
        writer.execute("INSERT INTO users VALUES (1, 'ann', 'Oslo'), (2, 'bo', 'Rome')");
        RowResult r = (RowResult) s.execute("SELECT STREAM id, name, city FROM users");
        assertThat(r.columns().get(3).name()).isEqualTo("op");
        assertThat(fetch(r, 2)).containsExactlyInAnyOrder(List.of(1L, "ann", "Oslo", "+I"),
                List.of(2L, "bo", "Rome", "+I"));
        writer.execute("INSERT INTO users VALUES (1, 'ann', 'Lima')");
        assertThat(fetch(r, 2)).containsExactly(List.of(1L, "ann", "Oslo", "-U"), List.of(1L, "ann", "Lima", "+U"));
        writer.execute("INSERT INTO users VALUES (2, 'bo', 'Rome')"); // the same row again: no change
        tombstone(3); // a key without a row: no change
        tombstone(2);
        assertThat(fetch(r, 1)).containsExactly(List.of(2L, "bo", "Rome", "-D"));
        writer.execute("INSERT INTO users VALUES (2, 'cy', 'Kyiv')");
        assertThat(fetch(r, 1)).containsExactly(List.of(2L, "cy", "Kyiv", "+I"));
        r.cancel();
    }

    /**
     * A tombstone's row holds only its key: the table's NOT NULL columns are NULL in it, and it is a
     * deletion all the same (not a bad record). So it is for a view's changes topic too, whose
     * COUNT(*) column is NOT NULL ({@code ClusterChangelogTest}).
     */
    @Test
    void aTombstoneDeletesARowOfATableWithNotNullColumns() {
        writer.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner VARCHAR NOT NULL, balance BIGINT NOT NULL)"
                + " WITH (partitions = 3)");
        writer.execute("INSERT INTO accounts VALUES (1, 'ann', 10), (2, 'bo', 20)");
        RowResult r = (RowResult) s.execute("SELECT STREAM id, owner, balance FROM accounts");
        assertThat(fetch(r, 2)).containsExactlyInAnyOrder(List.of(1L, "ann", 10L, "+I"), List.of(2L, "bo", 20L, "+I"));
        byte[] key = "2".getBytes(StandardCharsets.UTF_8);
        ((RunnelEngine) engine).log().append(new TopicPartition("accounts", KeyEncoder.partitionOf(key, 3)),
                List.of(Record.of(key, null)));
        writer.execute("INSERT INTO accounts VALUES (1, 'ann', 11)");
        assertThat(fetch(r, 3)).containsExactlyInAnyOrder(List.of(2L, "bo", 20L, "-D"),
                List.of(1L, "ann", 10L, "-U"), List.of(1L, "ann", 11L, "+U"));
        r.cancel();
    }

    @Test
    void aPushQueryWithoutTheKeyStillRetractsByKey() {
        writer.execute("INSERT INTO users VALUES (1, 'ann', 'Oslo'), (2, 'bo', 'Oslo')");
        RowResult r = (RowResult) s.execute("SELECT STREAM city FROM users WHERE city <> 'Paris'");
        assertThat(fetch(r, 2)).containsExactly(List.of("Oslo", "+I"), List.of("Oslo", "+I"));
        writer.execute("INSERT INTO users VALUES (2, 'bo', 'Rome')");
        assertThat(fetch(r, 2)).containsExactly(List.of("Oslo", "-U"), List.of("Rome", "+U"));
        writer.execute("INSERT INTO users VALUES (2, 'bob', 'Rome')"); // changes a column the query does not read
        tombstone(1);
        assertThat(fetch(r, 1)).containsExactly(List.of("Oslo", "-D"));
        r.cancel();
    }

    @Test
    void aViewAggregatingATableEqualsARecomputationAfterEveryUpdateAndDelete() {
        s.execute("CREATE MATERIALIZED VIEW per_city AS SELECT city, COUNT(*) AS n, SUM(id) AS ids,"
                + " MAX(name) AS last_name FROM users GROUP BY city");
        s.execute("CREATE MATERIALIZED VIEW all_users AS SELECT id, name, city FROM users");
        String recompute = "SELECT city, COUNT(*) AS n, SUM(id) AS ids, MAX(name) AS last_name FROM users GROUP BY city";
        List<Runnable> steps = List.of(
                () -> writer.execute("INSERT INTO users VALUES (1, 'ann', 'Oslo'), (2, 'bo', 'Rome'), (3, 'cy', 'Oslo')"),
                () -> writer.execute("INSERT INTO users VALUES (3, 'cy', 'Rome')"),
                () -> writer.execute("INSERT INTO users VALUES (1, 'zed', 'Oslo'), (4, 'di', 'Lima'), (1, 'al', 'Oslo')"),
                () -> tombstone(2),
                () -> tombstone(2),
                () -> writer.execute("INSERT INTO users VALUES (2, 'bo', 'Lima'), (5, 'ed', 'Lima')"),
                () -> tombstone(1),
                () -> tombstone(3),
                () -> writer.execute("INSERT INTO users VALUES (1, 'ann', 'Oslo')"));
        for (Runnable step : steps) {
            step.run();
            assertThat(rows(s, "SELECT * FROM per_city")).containsExactlyInAnyOrderElementsOf(rows(s, recompute));
            assertThat(rows(s, "SELECT * FROM all_users"))
                    .containsExactlyInAnyOrderElementsOf(rows(s, "SELECT id, name, city FROM users"));
        }
        assertThat(rows(s, "SELECT city, n FROM per_city")).containsExactlyInAnyOrder(List.of("Oslo", 1L),
                List.of("Lima", 3L));
    }
}
