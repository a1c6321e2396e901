package dev.runnel.exec.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import dev.runnel.planner.catalog.RelationDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every streaming golden ({@link StreamingGoldenTest}: windows of each kind, the legacy forms,
 * updating GROUP BYs, late policies) as a materialized view: the view is created before its input
 * arrives in small INSERTs, and then a scan of the view returns the golden's rows, which is what
 * the pull query over the full history returns; for a keyed view, a point lookup of each row's key
 * returns that row alone. Cases that run statements after the query are left out (their effects
 * are those of the query, not of a view). The updating GROUP BY over another is also run as a view
 * on a view.
 */
class ViewGoldenTest {
    @TestFactory
    Stream<DynamicTest> everyStreamingGoldenAsAMaterializedView() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(StreamingGoldenTest.DIR)) {
            cases = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    /** How each engine is opened: in memory on the embedded log here; subclasses run on other logs. */
    EngineConfig engineConfig() {
        return EngineConfig.memory();
    }

    private void check(Path file) throws Exception {
        StreamingGoldenTest.Case c = StreamingGoldenTest.load(file);
        if (!c.then().isEmpty()) {
            return;
        }
        try (Engine engine = Engines.open(engineConfig()); Session s = engine.openSession()) {
            c.setup().forEach(s::execute);
            s.execute("CREATE MATERIALIZED VIEW v AS " + c.query());
            insertInChunks(s, c.input());
            List<String> expected = StreamingGoldenTest.queryRows(c);
            assertThat(StreamingGoldenTest.pull(s, "SELECT * FROM v")).as(c.name() + ": scan of the view")
                    .isEqualTo(expected);
            RelationDef view = engine.catalog().find("v").orElseThrow();
            if (!view.primaryKey().isEmpty()) {
                checkLookups(s, view, expected, c.name());
            }
        }
    }

    /** For a sample of rows: WHERE key = value ... returns exactly that row. */
    private static void checkLookups(Session s, RelationDef view, List<String> expected, String name) {
        int step = Math.max(1, expected.size() / 25);
        for (int i = 0; i < expected.size(); i += step) {
            String[] values = expected.get(i).split(",", -1);
            List<String> terms = new ArrayList<>();
            for (int k : view.primaryKey()) {
                String type = view.columns().get(k).type().kind().name();
                String v = values[k];
                terms.add(view.columns().get(k).name() + " = " + switch (type) {
                    case "TIMESTAMP" -> "TIMESTAMP '" + v + "'";
                    case "VARCHAR" -> "'" + v + "'";
                    default -> v;
                });
            }
            assertThat(StreamingGoldenTest.pull(s, "SELECT * FROM v WHERE " + String.join(" AND ", terms)))
                    .as(name + ": lookup of " + expected.get(i)).containsExactly(expected.get(i));
        }
    }

    static void insertInChunks(Session s, Path input) throws IOException {
        List<String> lines = Files.readAllLines(input).stream().filter(l -> !l.isBlank()).toList();
        int chunk = Math.max(1, Math.min(500, lines.size() / 10));
        for (int from = 0; from < lines.size(); from += chunk) {
            List<String> values = new ArrayList<>();
            for (String l : lines.subList(from, Math.min(lines.size(), from + chunk))) {
                values.add(StreamingGoldenTest.values(l));
            }
            s.execute("INSERT INTO bids VALUES " + String.join(", ", values));
        }
        s.execute("INSERT INTO bids VALUES " + StreamingGoldenTest.SENTINEL);
    }

    @TestFactory
    Stream<DynamicTest> aViewOnAViewGivesWhatTheNestedQueryGives() {
        return Stream.of(DynamicTest.dynamicTest("updating_nested as a view on a view", () -> {
            StreamingGoldenTest.Case c = StreamingGoldenTest.load(StreamingGoldenTest.DIR.resolve("updating_nested.sql"));
            try (Engine engine = Engines.open(engineConfig()); Session s = engine.openSession()) {
                c.setup().forEach(s::execute);
                s.execute("CREATE MATERIALIZED VIEW per_auction AS SELECT auction, COUNT(*) AS cnt, MAX(price) AS"
                        + " max_price, SUM(price) AS total FROM bids WHERE channel <> 'end' GROUP BY auction");
                s.execute("CREATE MATERIALIZED VIEW by_count AS SELECT cnt, COUNT(*) AS auctions, MAX(max_price) AS top,"
                        + " MIN(max_price) AS low, SUM(total) AS total FROM per_auction GROUP BY cnt");
                insertInChunks(s, c.input());
                assertThat(StreamingGoldenTest.pull(s, "SELECT * FROM by_count"))
                        .isEqualTo(StreamingGoldenTest.queryRows(c));
                // and the pull query over the view gives what the nested query over the stream gives
                List<String> direct = StreamingGoldenTest.pull(s, c.query());
                List<String> over = new ArrayList<>(StreamingGoldenTest.pull(s,
                        "SELECT cnt, COUNT(*), MAX(max_price), MIN(max_price), SUM(total) FROM per_auction GROUP BY cnt"));
                Collections.sort(over);
                assertThat(over).isEqualTo(direct);
            }
        }));
    }

    static RowResult rows(Session s, String sql) {
        return (RowResult) s.execute(sql);
    }
}
