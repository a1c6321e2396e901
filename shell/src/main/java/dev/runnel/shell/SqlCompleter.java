package dev.runnel.shell;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion from the live catalog, through JDBC metadata only: SQL keywords (the standard
 * ones the shell knows and Runnel's from {@code getSQLKeywords}), function names
 * ({@code getFunctions}), stream/table/view names ({@code getTables}), and the columns of the
 * relations the statement names after FROM or JOIN ({@code getColumns}). After FROM, JOIN, INTO,
 * DESCRIBE and TABLE only relation names are offered. Metadata is cached for a few seconds, so
 * new streams appear without a restart. Used on the shell's thread.
 */
final class SqlCompleter implements Completer {
    static final List<String> KEYWORDS = List.of("SELECT", "STREAM", "FROM", "WHERE", "GROUP", "BY", "HAVING",
            "ORDER", "ASC", "DESC", "LIMIT", "JOIN", "LEFT", "RIGHT", "FULL", "OUTER", "INNER", "ON", "AS", "AND", "OR",
            "NOT", "NULL", "IS", "IN", "BETWEEN", "LIKE", "CASE", "WHEN", "THEN", "ELSE", "END", "DISTINCT", "UNION",
            "ALL", "INSERT", "INTO", "VALUES", "CREATE", "DROP", "SHOW", "DESCRIBE", "EXPLAIN", "SET", "RESET", "COPY",
            "WITH", "TABLE", "TABLES", "STREAMS", "MATERIALIZED", "VIEW", "VIEWS", "TOPIC", "TOPICS", "JOB", "JOBS",
            "PRIMARY", "KEY", "WATERMARK", "FOR", "INTERVAL", "TIMESTAMP", "DATE", "BIGINT", "INT", "VARCHAR",
            "DOUBLE", "DECIMAL", "BOOLEAN", "TRUE", "FALSE", "CAST", "DESCRIPTOR", "SECOND", "MINUTE", "HOUR", "DAY",
            "IF", "EXISTS");
    private static final Pattern RELATION_AFTER = Pattern.compile(
            "(?i)\\b(?:FROM|JOIN)\\s+((?:\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*)(?:\\.(?:\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*))*)");
    private static final Pattern WANTS_RELATION = Pattern.compile(
            "(?is).*\\b(?:FROM|JOIN|INTO|DESCRIBE|TABLE|STREAM\\s+IF\\s+EXISTS|DROP\\s+STREAM|DROP\\s+TABLE)\\s+[A-Za-z0-9_$\"]*$");
    private static final long CACHE_NANOS = 5_000_000_000L;

    private final Connection connection;
    private List<String> relations = List.of();
    private long relationsAt;
    private List<String> extraWords;
    private final Map<String, List<String>> columns = new LinkedHashMap<>();
    private final Map<String, Long> columnsAt = new LinkedHashMap<>();

    SqlCompleter(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String before = line.line().substring(0, Math.min(line.cursor(), line.line().length()));
        boolean relationOnly = WANTS_RELATION.matcher(before).matches();
        try {
            for (String r : relations()) {
                candidates.add(new Candidate(r, r, "relations", null, null, null, true));
            }
            if (relationOnly) {
                return;
            }
            Set<String> cols = new LinkedHashSet<>();
            Matcher m = RELATION_AFTER.matcher(line.line());
            while (m.find()) {
                cols.addAll(columnsOf(m.group(1)));
            }
            for (String c : cols) {
                candidates.add(new Candidate(c, c, "columns", null, null, null, true));
            }
            for (String w : words()) {
                candidates.add(new Candidate(w, w, "keywords", null, null, null, true));
            }
        } catch (SQLException e) {
            // no completion is better than an error in the middle of typing
        }
    }

    private List<String> relations() throws SQLException {
        long now = System.nanoTime();
        if (relationsAt == 0 || now - relationsAt > CACHE_NANOS) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, "runnel", "%", null)) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            relations = names;
            relationsAt = now;
        }
        return relations;
    }

    private List<String> columnsOf(String qualified) throws SQLException {
        String[] parts = qualified.split("\\.");
        String name = parts[parts.length - 1].replace("\"", "");
        String schema = parts.length >= 2 ? parts[parts.length - 2].replace("\"", "") : "runnel";
        String key = (schema + "." + name).toLowerCase(Locale.ROOT);
        long now = System.nanoTime();
        Long at = columnsAt.get(key);
        if (at == null || now - at > CACHE_NANOS) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getColumns(null, schema, name, "%")) {
                while (rs.next()) {
                    names.add(rs.getString("COLUMN_NAME"));
                }
            }
            columns.put(key, names);
            columnsAt.put(key, now);
        }
        return columns.get(key);
    }

    /** Keywords and function names, asked for once. */
    private List<String> words() throws SQLException {
        if (extraWords == null) {
            Set<String> words = new LinkedHashSet<>(KEYWORDS);
            DatabaseMetaData md = connection.getMetaData();
            for (String k : md.getSQLKeywords().split(",")) {
                if (!k.isBlank()) {
                    words.add(k.strip().toUpperCase(Locale.ROOT));
                }
            }
            try (ResultSet rs = md.getFunctions(null, null, "%")) {
                while (rs.next()) {
                    words.add(rs.getString("FUNCTION_NAME"));
                }
            }
            extraWords = List.copyOf(words);
        }
        return extraWords;
    }
}
