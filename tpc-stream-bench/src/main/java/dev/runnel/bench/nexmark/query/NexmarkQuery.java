package dev.runnel.bench.nexmark.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One Nexmark query as the harness runs it: the statements of {@code nexmark/qN.sql} (Runnel) or
 * {@code nexmark/flink/qN.sql} (Flink), where every statement before the last sets something up
 * (a table, a function) and the last one is the measured query. Besides Nexmark's q0-q22 the
 * harness knows a few {@link #EXTRA} queries over the same streams (files named like the query), the
 * shapes other targets are set for, so that they too run side by side with Flink. Immutable.
 *
 * @param name q0 ... q22, or one of {@link #EXTRA}
 * @param setup statements run once before the query, with {@code ${...}} variables substituted
 * @param query the SELECT
 */
public record NexmarkQuery(String name, List<String> setup, String query) {
    /** Nexmark's queries, in order. */
    public static final List<String> NEXMARK = names();

    /**
     * Queries that are not Nexmark's, over the same streams: {@code window-tumble}, a 10-second
     * TUMBLE count and max per auction, and {@code filter-project}, a stateless filter and projection
     * of bids (the streaming targets of the executor's window work).
     */
    public static final List<String> EXTRA = List.of("window-tumble", "filter-project");

    /** Every query the harness knows: Nexmark's, then the extra ones. */
    public static final List<String> ALL = concat(NEXMARK, EXTRA);

    /**
     * Queries whose result depends on more than the input (processing time): their rows are not
     * compared between engines (see {@link #CHECKED_BY}).
     */
    public static final Set<String> NOT_DETERMINISTIC = Set.of("q12");

    /**
     * For a query of {@link #NOT_DETERMINISTIC}, a query over its result that is deterministic and so
     * is compared instead (files named like it): for q12, each bidder's total bid count over all its
     * processing-time windows ({@code q12-totals}).
     */
    public static final Map<String, String> CHECKED_BY = Map.of("q12", "q12-totals");

    public NexmarkQuery {
        setup = List.copyOf(setup);
    }

    /** Runnel's version of query {@code name}. */
    public static NexmarkQuery runnel(String name, Map<String, String> vars) {
        return load(name, "/nexmark/" + name + ".sql", vars);
    }

    /** Flink's version of query {@code name}. */
    public static NexmarkQuery flink(String name, Map<String, String> vars) {
        return load(name, "/nexmark/flink/" + name + ".sql", vars);
    }

    /** The raw text of a query file (comments included), e.g. for its list of deviations. */
    public static String text(String resource) {
        try (InputStream in = NexmarkQuery.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no query file " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses "all" or a comma list such as "q0,q1,q2" (also "0,1,2", and the {@link #EXTRA} names);
     * unknown names are an error.
     */
    public static List<String> parseList(String list) {
        if (list.trim().equalsIgnoreCase("all")) {
            return ALL;
        }
        List<String> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            if (!p.startsWith("q") && !EXTRA.contains(p)) {
                p = "q" + p;
            }
            if (!ALL.contains(p)) {
                throw new IllegalArgumentException("unknown query '" + part.trim() + "' (q0 to q22, "
                        + String.join(", ", EXTRA) + ", or all)");
            }
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private static NexmarkQuery load(String name, String resource, Map<String, String> vars) {
        List<String> statements = SqlScripts.split(text(resource));
        if (statements.isEmpty()) {
            throw new IllegalStateException(resource + " holds no statement");
        }
        List<String> setup = new ArrayList<>();
        for (String s : statements.subList(0, statements.size() - 1)) {
            setup.add(SqlScripts.substitute(s, vars));
        }
        return new NexmarkQuery(name, setup, SqlScripts.substitute(statements.get(statements.size() - 1), vars));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (int i = 0; i <= 22; i++) {
            n.add("q" + i);
        }
        return List.copyOf(n);
    }
}
