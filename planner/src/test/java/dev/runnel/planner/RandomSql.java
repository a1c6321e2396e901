package dev.runnel.planner;

import java.util.List;
import java.util.Random;

/**
 * Random SQL over {@code TestCatalog.standard()} for {@link PlannerFuzzProperties}: queries and
 * INSERTs built from a small grammar (columns, typos, literals, operators, functions, aggregates,
 * subqueries, joins, set operations), and mutants of known-good statements (characters cut,
 * tokens duplicated or swapped, names misspelt). Most results are wrong somehow; that is the point.
 */
final class RandomSql {
    private static final List<String> RELATIONS = List.of("bids", "auctions", "users", "orders", "big_bids");
    private static final List<List<String>> COLUMNS = List.of(
            List.of("auction", "bidder", "price", "channel", "url", "date_time", "extra"),
            List.of("id", "item_name", "initial_bid", "reserve", "date_time", "expires", "seller", "category"),
            List.of("id", "name", "city"),
            List.of("id", "amount", "status", "user_id"),
            List.of("auction", "bidder", "price", "channel", "url", "date_time", "extra"));
    private static final List<String> METADATA = List.of("_partition", "_offset", "_timestamp", "_append_time");
    private static final List<String> LITERALS = List.of("1", "0", "-7", "1000", "2.5", "'web'", "''", "NULL", "TRUE",
            "TIMESTAMP '2026-01-01 00:00:01'", "DATE '2026-01-01'", "INTERVAL '5' SECOND", "INTERVAL '1' MONTH", "?",
            "CAST(NULL AS BIGINT)", "1e3");
    private static final List<String> BINARY = List.of("+", "-", "*", "/", "=", "<>", "<", ">=", "AND", "OR", "||",
            "IS DISTINCT FROM");
    private static final List<String> UNARY = List.of("UPPER(%s)", "LOWER(%s)", "ABS(%s)", "CHAR_LENGTH(%s)",
            "CAST(%s AS VARCHAR)", "CAST(%s AS BIGINT)", "CAST(%s AS DECIMAL(10, 2))", "CAST(%s AS TIMESTAMP(3))",
            "EXTRACT(HOUR FROM %s)", "FLOOR(%s TO MINUTE)", "SPLIT_INDEX(%s, '/', 1)", "REGEXP_EXTRACT(%s, 'a(.)')",
            "DATE_FORMAT(%s, 'yyyy')", "SUBSTRING(%s FROM 2 FOR 3)", "TRIM(%s)", "%s IS NULL", "%s LIKE 'a%%'",
            "%s IN (1, 2, 3)", "%s BETWEEN 1 AND 10", "NOT %s", "-%s", "FOO(%s)", "COALESCE(%s, 0)", "ROUND(%s)",
            "POWER(%s, 2)", "CAST(%s AS TIME)", "%s NOT IN (SELECT id FROM auctions)",
            "%s IN (SELECT auction FROM bids WHERE price > 10)", "%s = (SELECT MAX(price) FROM bids)");
    private static final List<String> AGGREGATES = List.of("COUNT(*)", "COUNT(%s)", "COUNT(DISTINCT %s)", "SUM(%s)",
            "AVG(%s)", "MIN(%s)", "MAX(%s)", "SUM(%s) FILTER (WHERE %s > 1)", "STDDEV_POP(%s)");
    private static final List<String> GOOD = List.of(
            "SELECT auction, price * 2 AS doubled FROM bids WHERE price > 1000",
            "SELECT STREAM auction, price FROM bids WHERE channel = 'web'",
            "SELECT auction, COUNT(*) AS n, COUNT(DISTINCT bidder) AS b FROM bids GROUP BY auction HAVING COUNT(*) > 1",
            "SELECT b.auction, u.name FROM bids b JOIN users u ON b.bidder = u.id AND b.price > 10",
            "SELECT id FROM auctions a WHERE EXISTS (SELECT 1 FROM bids b WHERE b.auction = a.id)",
            "SELECT auction FROM bids WHERE auction NOT IN (SELECT id FROM auctions)",
            "SELECT a.id, (SELECT MAX(price) FROM bids b WHERE b.auction = a.id) FROM auctions a",
            "SELECT auction FROM bids UNION SELECT id FROM auctions ORDER BY 1 LIMIT 5",
            "SELECT _offset, _timestamp, auction FROM bids ORDER BY _offset DESC",
            "SELECT * FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))",
            "SELECT CASE WHEN price > 5 THEN 'a' ELSE 'b' END, COALESCE(channel, 'x') FROM bids",
            "WITH t AS (SELECT auction, price FROM bids) SELECT auction, SUM(price) FROM t GROUP BY auction",
            "VALUES (1, 'a'), (2, 'b')",
            "INSERT INTO bids VALUES (1, 7, 100, 'web', 'http://x', TIMESTAMP '2026-01-01 00:00:01', '')",
            "INSERT INTO big_bids SELECT * FROM bids WHERE price > 10",
            "INSERT INTO orders (id, amount) VALUES (?, ?)",
            "SELECT amount * 2, amount / 3 FROM orders WHERE amount > 1.5");

    private final Random random;

    RandomSql(long seed) {
        this.random = new Random(seed);
    }

    String statement() {
        return switch (random.nextInt(10)) {
            case 0 -> "INSERT INTO " + pick(RELATIONS) + " " + query(1);
            case 1 -> "INSERT INTO " + pick(RELATIONS) + " VALUES (" + literal() + ", " + literal() + ", " + literal() + ")";
            default -> query(0);
        };
    }

    String mutant() {
        String s = pick(GOOD);
        int mutations = 1 + random.nextInt(2);
        for (int i = 0; i < mutations; i++) {
            s = mutate(s);
        }
        return s;
    }

    private String mutate(String s) {
        String[] tokens = s.split(" ");
        int i = random.nextInt(tokens.length);
        int j = random.nextInt(tokens.length);
        switch (random.nextInt(12)) {
            case 0 -> { // cut a stretch of characters (rarely parses, so rarely chosen)
                int from = random.nextInt(s.length());
                return s.substring(0, from) + s.substring(Math.min(s.length(), from + 1 + random.nextInt(8)));
            }
            case 1, 8 -> { // duplicate a token
                tokens[i] = tokens[i] + " " + tokens[i];
            }
            case 2 -> { // swap two tokens
                String t = tokens[i];
                tokens[i] = tokens[j];
                tokens[j] = t;
            }
            case 3, 7 -> tokens[i] = typo(tokens[i]);
            case 4, 5, 6 -> tokens[i] = pick(List.of("NULL", "*", "price", "_offset", "?", "(SELECT 1)", "users", "1.5", "'x'"));
            default -> tokens[i] = tokens[i] + " " + pick(BINARY) + " " + literal();
        }
        return String.join(" ", tokens);
    }

    private String query(int depth) {
        int r = random.nextInt(RELATIONS.size());
        String relation = random.nextInt(20) == 0 ? typo(RELATIONS.get(r)) : RELATIONS.get(r);
        List<String> cols = COLUMNS.get(r);
        StringBuilder q = new StringBuilder("SELECT ");
        q.append(pick(List.of("", "", "", "DISTINCT ", "STREAM ")));
        boolean grouped = random.nextInt(3) == 0;
        String key = column(cols);
        if (grouped) {
            q.append(key).append(", ").append(String.format(pick(AGGREGATES), expr(cols, 1), expr(cols, 1)));
        } else if (random.nextInt(6) == 0) {
            q.append("*");
        } else {
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                q.append(i > 0 ? ", " : "").append(expr(cols, depth)).append(random.nextBoolean() ? " AS c" + i : "");
            }
        }
        q.append(" FROM ").append(relation).append(" t");
        if (random.nextInt(4) == 0) {
            q.append(" JOIN users u ON t.").append(column(cols)).append(" = u.id");
        }
        if (random.nextBoolean()) {
            q.append(" WHERE ").append(expr(cols, depth));
        }
        if (grouped) {
            q.append(" GROUP BY ").append(key);
            if (random.nextBoolean()) {
                q.append(" HAVING COUNT(*) > ").append(random.nextInt(5));
            }
        }
        if (depth == 0 && random.nextInt(5) == 0) {
            q.append(" UNION ALL ").append(query(1));
        } else if (depth == 0 && random.nextInt(4) == 0) {
            q.append(" ORDER BY 1").append(random.nextBoolean() ? " DESC" : "").append(" LIMIT ").append(random.nextInt(10));
        }
        return q.toString();
    }

    private String expr(List<String> cols, int depth) {
        int choice = random.nextInt(depth >= 2 ? 2 : 4);
        return switch (choice) {
            case 0 -> column(cols);
            case 1 -> literal();
            case 2 -> expr(cols, depth + 1) + " " + pick(BINARY) + " " + expr(cols, depth + 1);
            default -> String.format(pick(UNARY), expr(cols, depth + 1));
        };
    }

    private String column(List<String> cols) {
        int r = random.nextInt(20);
        if (r == 0) {
            return typo(pick(cols));
        }
        return r == 1 ? pick(METADATA) : pick(cols);
    }

    private String literal() {
        return pick(LITERALS);
    }

    private String typo(String word) {
        if (word.length() < 2) {
            return word + "x";
        }
        int i = random.nextInt(word.length() - 1);
        return word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
