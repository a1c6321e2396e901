package dev.runnel.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the input, {@link StatementParser#parseScript} returns statements or throws a positioned
 * {@link RunnelSqlException}: no other exception, no hang. Inputs are random SQL-ish text and valid
 * statements with characters and tokens inserted, deleted, replaced and cut.
 */
class ParserFuzzProperties {
    private static final StatementParser PARSER = new StatementParser();
    /** A guard against hangs, far above the milliseconds a parse takes; not a speed check. */
    private static final Duration HANG = Duration.ofSeconds(10);

    private static final List<String> CORPUS = List.of(
            "CREATE STREAM bids (auction BIGINT, price BIGINT NOT NULL, url VARCHAR(200), date_time TIMESTAMP(3), "
                    + "WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) "
                    + "WITH (topic = 'bids', partitions = 4, 'scan.start' = earliest, header = true, ratio = -0.5)",
            "CREATE TABLE IF NOT EXISTS users (id BIGINT PRIMARY KEY, name VARCHAR, amount DECIMAL(10, 2))",
            "CREATE TABLE t (a INT, b DATE, c INTERVAL DAY TO SECOND, PRIMARY KEY (a, b)) WITH (format = 'json')",
            "CREATE MATERIALIZED VIEW IF NOT EXISTS counts WITH (retention = '1 d') AS "
                    + "SELECT auction, COUNT(*) AS n FROM bids GROUP BY auction",
            "DROP MATERIALIZED VIEW IF EXISTS counts CASCADE",
            "DROP TOPIC \"orders.v1\" RESTRICT",
            "SHOW CONSUMER GROUPS",
            "SHOW MATERIALIZED VIEWS",
            "DESCRIBE TOPIC bids",
            "EXPLAIN ANALYZE SELECT STREAM auction, price FROM bids WHERE price > 1000",
            "EXPLAIN INSERT INTO big SELECT * FROM bids",
            "SET 'checkpoint.interval' = '5 s'",
            "SET scan.start = earliest",
            "RESET 'scan.start'",
            "INSERT INTO bids VALUES (1, 7, 'it''s', TIMESTAMP '2026-01-01 00:00:01')",
            "COPY bids FROM '/path/bids.csv' WITH (format = 'csv', header = true)",
            "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), "
                    + "INTERVAL '10' SECOND)) GROUP BY window_start",
            "WITH x AS (SELECT a FROM t /* c */) SELECT \"a;b\" FROM x -- done",
            "(SELECT 1) UNION ALL (VALUES (2))",
            "SELECT * FROM bids b JOIN users FOR SYSTEM_TIME AS OF b.date_time AS u ON u.id = b.bidder");

    private static final List<String> TOKENS = List.of(
            "CREATE", "STREAM", "TABLE", "MATERIALIZED", "VIEW", "DROP", "SHOW", "SELECT", "FROM", "WHERE", "WITH",
            "AS", "IF", "NOT", "EXISTS", "NULL", "PRIMARY", "KEY", "WATERMARK", "FOR", "INTERVAL", "TIMESTAMP", "(",
            ")", "((", "))", ",", ";", ".", "=", "-", "+", "*", "'", "''", "\"", "`", "--", "/*", "*/", "\n", "\r",
            "\t", "'x;y'", "\"Q\"", "`b`", "1", "-1.5e3", ".5", "😀", "é", "\u0000", "?", "$", "#", "{fn", "[", "]",
            "<>", "||", "SELECT STREAM", "INSERT INTO", "VALUES", "UNION", "TUMBLE", "DESCRIPTOR", "CAST");

    @Property(tries = 500)
    void randomTextParsesOrFailsWithAPositionedRunnelSqlException(@ForAll("sqlishText") String script) {
        parseOrFailCleanly(script);
    }

    @Property(tries = 500)
    void mutatedStatementsParseOrFailWithAPositionedRunnelSqlException(@ForAll("mutatedScripts") String script) {
        parseOrFailCleanly(script);
    }

    private static void parseOrFailCleanly(String script) {
        assertTimeoutPreemptively(HANG, () -> {
            try {
                PARSER.parseScript(script);
            } catch (RunnelSqlException e) {
                assertThat(e.sqlState()).isIn("42000", "0A000", "42S22", "42804");
                assertThat(e.position()).isNotEqualTo(SourcePos.UNKNOWN);
                assertThat(e.detail()).isNotBlank();
            }
        }, () -> "parse did not finish: " + script);
    }

    @Provide
    Arbitrary<String> sqlishText() {
        Arbitrary<String> chars = Arbitraries.strings()
                .withChars("abcSELCTFROMWHstream_0123456789 \n\t;,.()'\"`-*/+=<>?$#😀é")
                .ofMaxLength(120);
        Arbitrary<String> tokens = Arbitraries.of(TOKENS).list().ofMaxSize(25).map(t -> String.join(" ", t));
        return Arbitraries.oneOf(chars, tokens);
    }

    @Provide
    Arbitrary<String> mutatedScripts() {
        Arbitrary<Mutation> mutation = Combinators.combine(
                Arbitraries.of(MutationKind.values()),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.of(TOKENS)).as(Mutation::new);
        Arbitrary<String> script = Arbitraries.of(CORPUS).list().ofMinSize(1).ofMaxSize(3)
                .map(statements -> String.join(";\n", statements));
        return Combinators.combine(script, mutation.list().ofMinSize(1).ofMaxSize(4)).as((text, mutations) -> {
            String mutated = text;
            for (Mutation m : mutations) {
                mutated = m.apply(mutated);
            }
            return mutated;
        });
    }

    enum MutationKind { INSERT_TOKEN, DELETE_RANGE, REPLACE_CHAR, DUPLICATE_RANGE, TRUNCATE, SWAP_WORDS }

    /** One edit at relative positions {@code at} and {@code to} (0..1) of the text. */
    record Mutation(MutationKind kind, double at, double to, String token) {
        String apply(String s) {
            int i = (int) (at * s.length());
            int j = Math.min(s.length(), i + 1 + (int) (to * 20));
            return switch (kind) {
                case INSERT_TOKEN -> s.substring(0, i) + token + s.substring(i);
                case DELETE_RANGE -> s.substring(0, i) + s.substring(j);
                case REPLACE_CHAR -> i < s.length() ? s.substring(0, i) + token + s.substring(i + 1) : s + token;
                case DUPLICATE_RANGE -> s.substring(0, j) + s.substring(i, j) + s.substring(j);
                case TRUNCATE -> s.substring(0, i);
                case SWAP_WORDS -> swapWords(s, i, (int) (to * s.length()));
            };
        }

        private static String swapWords(String s, int a, int b) {
            String[] words = s.split(" ", -1);
            if (words.length < 2) {
                return s;
            }
            int x = a % words.length;
            int y = b % words.length;
            String w = words[x];
            words[x] = words[y];
            words[y] = w;
            return String.join(" ", words);
        }
    }
}
