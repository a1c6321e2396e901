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
 * (a table, a function) and the last one is the measured query. Immutable.
 *
 * @param name q0 ... q22
 * @param setup statements run once before the query, with {@code ${...}} variables substituted
 * @param query the SELECT
 */
public record NexmarkQuery(String name, List<String> setup, String query) {
    /** Every query of the suite, in order. */
    public static final List<String> ALL = names();

    /**
     * Queries whose result depends on more than the input (processing time): their results are not
     * compared between engines.
     */
    public static final Set<String> NOT_DETERMINISTIC = Set.of("q12");

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

    /** Parses "all" or a comma list such as "q0,q1,q2" (also "0,1,2"); unknown names are an error. */
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
            if (!p.startsWith("q")) {
                p = "q" + p;
            }
            if (!ALL.contains(p)) {
                throw new IllegalArgumentException("unknown query '" + part.trim() + "' (q0 to q22, or all)");
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

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (int i = 0; i <= 22; i++) {
            n.add("q" + i);
        }
        return List.copyOf(n);
    }
}
