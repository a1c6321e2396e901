package dev.runnel.planner.ddl;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.error.DidYouMean;
import dev.runnel.planner.error.SqlState;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.statement.Copy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plans {@code COPY target FROM 'path' [WITH (...)]}: the target must be a stream or table, and the
 * options are checked and normalized (lower-case keys; {@code format} always present).
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>key</th><th>value</th><th>default</th></tr>
 *   <tr><td>format</td><td>csv or json (one JSON object per line)</td><td>from the file name: .csv, .tsv: csv; .json, .jsonl, .ndjson: json</td></tr>
 *   <tr><td>header</td><td>true or false (csv only): the first line names the columns</td><td>false</td></tr>
 *   <tr><td>delimiter</td><td>one character, or {@code \t} (csv only)</td><td>',' (a tab for .tsv)</td></tr>
 *   <tr><td>null</td><td>the text that stands for NULL (csv only)</td><td>the empty field</td></tr>
 *   <tr><td>reload</td><td>true: load the file again even if it was loaded whole before</td><td>false</td></tr>
 *   <tr><td>batch_rows</td><td>rows per appended batch (the unit of crash recovery)</td><td>65536</td></tr>
 *   <tr><td>max_record_bytes</td><td>longest input record; longer ones are rejected</td><td>16 MiB</td></tr>
 * </table>
 *
 * Stateless and thread-safe.
 */
public final class CopyPlanner {
    static final List<String> KNOWN = List.of("format", "header", "delimiter", "null", "reload", "batch_rows",
            "max_record_bytes");

    private CopyPlanner() {}

    public static PlannedStatement.Copy plan(Copy c, CatalogView catalog) {
        RelationDef target = catalog.find(c.target()).orElseThrow(() -> new RunnelSqlException(
                SqlState.UNKNOWN_RELATION, "unknown stream or table '" + c.target() + "'"
                        + DidYouMean.suffix(c.target(), catalog.all().stream().map(RelationDef::name).toList()),
                c.pos()));
        if (target.kind() != RelationKind.STREAM && target.kind() != RelationKind.TABLE) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "cannot COPY into '" + target.name()
                    + "': only streams and tables take rows", c.pos());
        }
        if (c.path() == null || c.path().isBlank()) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "COPY needs a file path", c.pos());
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : c.options().entrySet()) {
            String key = e.getKey().trim().toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(key)) {
                throw OptionErrors.unknownKey("option", e.getKey(), KNOWN, "", c.pos());
            }
            given.put(key, e.getValue());
        }
        Map<String, String> out = new LinkedHashMap<>();
        String format = given.containsKey("format") ? given.get("format").trim().toLowerCase(Locale.ROOT)
                : formatFromName(c);
        if (!format.equals("csv") && !format.equals("json")) {
            throw OptionErrors.badValue("format", given.get("format"), "'csv' or 'json'", c.pos());
        }
        out.put("format", format);
        if (format.equals("json")) {
            for (String csvOnly : List.of("header", "delimiter", "null")) {
                if (given.containsKey(csvOnly)) {
                    throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "option '" + csvOnly
                            + "' applies to csv files only", c.pos());
                }
            }
        }
        if (given.containsKey("header")) {
            String h = given.get("header").trim().toLowerCase(Locale.ROOT);
            if (!h.equals("true") && !h.equals("false")) {
                throw OptionErrors.badValue("header", given.get("header"), "true or false", c.pos());
            }
            out.put("header", h);
        }
        if (given.containsKey("delimiter")) {
            String d = given.get("delimiter");
            String delimiter = d.equals("\\t") ? "\t" : d;
            if (delimiter.length() != 1) {
                throw OptionErrors.badValue("delimiter", d, "one character (or \\t for a tab)", c.pos());
            }
            out.put("delimiter", delimiter);
        } else if (format.equals("csv") && c.path().toLowerCase(Locale.ROOT).endsWith(".tsv")) {
            out.put("delimiter", "\t");
        }
        if (given.containsKey("null")) {
            out.put("null", given.get("null"));
        }
        if (given.containsKey("reload")) {
            String r = given.get("reload").trim().toLowerCase(Locale.ROOT);
            if (!r.equals("true") && !r.equals("false")) {
                throw OptionErrors.badValue("reload", given.get("reload"), "true or false", c.pos());
            }
            out.put("reload", r);
        }
        for (String numeric : List.of("batch_rows", "max_record_bytes")) {
            if (given.containsKey(numeric)) {
                String v = given.get(numeric).trim();
                try {
                    if (Long.parseLong(v) < 1) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw OptionErrors.badValue(numeric, given.get(numeric), "a positive whole number", c.pos());
                }
                out.put(numeric, v);
            }
        }
        return new PlannedStatement.Copy(target, c.path(), out);
    }

    private static String formatFromName(Copy c) {
        String p = c.path().toLowerCase(Locale.ROOT);
        if (p.endsWith(".csv") || p.endsWith(".tsv")) {
            return "csv";
        }
        if (p.endsWith(".json") || p.endsWith(".jsonl") || p.endsWith(".ndjson")) {
            return "json";
        }
        throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "cannot tell the format of '" + c.path()
                + "' from its name: add WITH (format = 'csv') or WITH (format = 'json')", c.pos());
    }
}
