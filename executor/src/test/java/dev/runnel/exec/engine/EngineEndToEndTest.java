package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.sql.RunnelSqlException;
import dev.runnel.log.Record;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements through the whole engine: parse, plan, execute against a real log in a temp dir. */
class EngineEndToEndTest {
    @TempDir
    Path dir;

    static List<List<Object>> rows(StatementResult r) {
        assertThat(r).isInstanceOf(RowResult.class);
        RowResult rr = (RowResult) r;
        List<List<Object>> out = new ArrayList<>();
        List<Object[]> chunk;
        while (!(chunk = rr.fetch(1000)).isEmpty()) {
            chunk.forEach(row -> out.add(Arrays.asList(row)));
        }
        rr.close();
        return out;
    }

    @Test
    void createInsertQueryAndRestart() {
        try (Engine engine = Engines.open(EngineConfig.file(dir.resolve("data")));
             Session s = engine.openSession()) {
            assertThat(((UpdateResult) s.execute(
                    "CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, "
                            + "date_time TIMESTAMP(3), WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) "
                            + "WITH (partitions = 2, key = 'auction')")).message()).isEqualTo("created stream bids");
            UpdateResult ins = (UpdateResult) s.execute("INSERT INTO bids VALUES "
                    + "(1, 10, 100, 'web', TIMESTAMP '2026-01-01 00:00:01'), "
                    + "(2, 11, 2000, 'app', TIMESTAMP '2026-01-01 00:00:02'), "
                    + "(1, 12, 3000, 'web', TIMESTAMP '2026-01-01 00:00:03')");
            assertThat(ins.count()).isEqualTo(3);
            assertThat(rows(s.execute("SELECT auction, price FROM bids WHERE price > 1000 ORDER BY price")))
                    .containsExactly(List.of(2L, 2000L), List.of(1L, 3000L));
            assertThat(rows(s.execute("SELECT channel, COUNT(*), SUM(price) FROM bids GROUP BY channel ORDER BY channel")))
                    .containsExactly(List.of("app", 1L, 2000L), List.of("web", 2L, 3100L));
        }
        try (Engine engine = Engines.open(EngineConfig.file(dir.resolve("data")));
             Session s = engine.openSession()) {
            assertThat(rows(s.execute("SELECT COUNT(*) FROM bids"))).containsExactly(List.of(3L));
            assertThat(rows(s.execute("SHOW STREAMS"))).hasSize(1);
            assertThatThrownBy(() -> s.execute("SELECT pricee FROM bids"))
                    .isInstanceOf(RunnelSqlException.class)
                    .hasMessageContaining("line 1, column 8")
                    .hasMessageContaining("did you mean 'price'");
        }
    }

    @Test
    void copyLoadsGoodRowsAndDeadLettersBadOnes() throws Exception {
        Path csv = dir.resolve("bids.csv");
        Files.writeString(csv, "auction,price\n1,10\n2,oops\n3,30\n");
        try (Engine engine = Engines.open(EngineConfig.file(dir.resolve("data")));
             Session s = engine.openSession()) {
            s.execute("CREATE STREAM b (auction BIGINT, price BIGINT)");
            UpdateResult r = (UpdateResult) s.execute("COPY b FROM '" + csv + "' WITH (format = 'csv', header = true)");
            assertThat(r.count()).isEqualTo(2);
            assertThat(r.warnings()).singleElement().asString().contains("1 malformed row");
            assertThat(rows(s.execute("SELECT SUM(price) FROM b"))).containsExactly(List.of(40L));
            assertThat(rows(s.execute("DESCRIBE b"))).anySatisfy(row -> {
                assertThat(row.get(0)).isEqualTo("(dead letters)");
                assertThat(row.get(1)).isEqualTo("1");
            });
        }
    }

    @Test
    void copyOfAFileLoadedBeforeCountsNoRowsAndRepeatsNoWarning() throws Exception {
        Path csv = dir.resolve("bids.csv");
        Files.writeString(csv, "1,10\n2,oops\n");
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute("CREATE STREAM b (auction BIGINT, price BIGINT)");
            s.execute("COPY b FROM '" + csv + "'");
            UpdateResult again = (UpdateResult) s.execute("COPY b FROM '" + csv + "'");
            assertThat(again.count()).isZero();
            assertThat(again.warnings()).isEmpty();
            assertThat(again.message()).isEqualTo("COPY b: this file was already loaded (1 row, 1 rejected); "
                    + "nothing done (WITH (reload = true) loads it again)");
            assertThat(rows(s.execute("SELECT COUNT(*) FROM b"))).containsExactly(List.of(1L));
        }
    }

    @Test
    void recordsAScanCannotDecodeAreSkippedWithAWarningOnTheQueryAndTheInsert() {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute("CREATE STREAM raw (id BIGINT, name VARCHAR) WITH (format = 'json')");
            s.execute("CREATE STREAM copy (id BIGINT, name VARCHAR)");
            s.execute("INSERT INTO raw VALUES (1, 'ann')");
            engine.log().send("raw", List.of(Record.of(null, "{\"id\": 2, \"name\": ".getBytes(StandardCharsets.UTF_8)),
                    Record.of(null, "{\"id\": \"x\"}".getBytes(StandardCharsets.UTF_8))));
            s.execute("INSERT INTO raw VALUES (3, 'cy')");

            RowResult r = (RowResult) s.execute("SELECT id FROM raw ORDER BY id");
            assertThat(rows(r)).containsExactly(List.of(1L), List.of(3L));
            assertThat(r.warnings()).containsExactly("2 undecodable records skipped (first: raw-0@1: "
                    + "malformed JSON: Unexpected end-of-input within/between Object entries)");

            UpdateResult ins = (UpdateResult) s.execute("INSERT INTO copy SELECT id, name FROM raw");
            assertThat(ins.count()).isEqualTo(2);
            assertThat(ins.warnings()).singleElement().asString().startsWith("2 undecodable records skipped");
        }
    }

    @Test
    void inMemoryEngineLeavesNothingBehind() {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR)");
            s.execute("INSERT INTO users VALUES (1, 'ann'), (2, 'bo')");
            assertThat(rows(s.execute("SELECT name FROM users WHERE id = 2"))).containsExactly(List.of("bo"));
        }
    }

    @Test
    void subqueriesRunAsJoinsAndAScalarSubqueryWithTwoRowsIsAnError() {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute("CREATE STREAM bids (auction BIGINT, price BIGINT)");
            s.execute("CREATE TABLE auctions (id BIGINT PRIMARY KEY, seller VARCHAR)");
            s.execute("INSERT INTO bids VALUES (1, 10), (1, 20), (2, 5), (3, 7)");
            s.execute("INSERT INTO auctions VALUES (1, 'ann'), (2, 'bo')");
            assertThat(rows(s.execute("SELECT auction, price FROM bids WHERE auction IN (SELECT id FROM auctions) "
                    + "ORDER BY price"))).containsExactly(List.of(2L, 5L), List.of(1L, 10L), List.of(1L, 20L));
            assertThat(rows(s.execute("SELECT a.seller, (SELECT MAX(price) FROM bids b WHERE b.auction = a.id) "
                    + "FROM auctions a ORDER BY a.seller"))).containsExactly(List.of("ann", 20L), List.of("bo", 5L));
            assertThatThrownBy(() -> rows(s.execute("SELECT (SELECT price FROM bids WHERE auction = 1) FROM auctions")))
                    .isInstanceOf(RunnelSqlException.class).hasMessageContaining("more than one row");
        }
    }
}
