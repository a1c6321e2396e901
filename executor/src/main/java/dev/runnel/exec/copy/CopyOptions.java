package dev.runnel.exec.copy;

import dev.runnel.exec.format.CsvFormat;
import dev.runnel.sql.RunnelSqlException;
import java.util.Locale;
import java.util.Map;

/**
 * The WITH options of {@code COPY target FROM 'path' WITH (...)}. Immutable.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><td>{@code format}</td><td>{@code 'csv'} (default) or {@code 'json'} (one object per line)</td></tr>
 *   <tr><td>{@code header}</td><td>csv: whether the first record is a header to skip (default false)</td></tr>
 *   <tr><td>{@code delimiter}</td><td>csv: one ASCII character (default {@code ','}; {@code '\t'} for tab)</td></tr>
 *   <tr><td>{@code null}</td><td>csv: the unquoted text meaning NULL (default empty)</td></tr>
 *   <tr><td>{@code batch_rows}</td><td>rows per appended batch (default 65536); a batch is the unit of
 *       crash safety and resume</td></tr>
 *   <tr><td>{@code max_record_bytes}</td><td>longest input record (default 16 MiB); a longer one is rejected</td></tr>
 *   <tr><td>{@code reload}</td><td>load again even if this file was already loaded whole (default false)</td></tr>
 * </table>
 */
public record CopyOptions(InputFormat format, boolean header, CsvFormat.Options csv, int batchRows, int maxRecordBytes,
        boolean reload) {

    /** Input file formats COPY reads. */
    public enum InputFormat { CSV, JSON }

    public static final CopyOptions DEFAULTS = new CopyOptions(InputFormat.CSV, false, CsvFormat.Options.DEFAULT, 65_536,
            16 * 1024 * 1024, false);

    public CopyOptions {
        if (batchRows < 1) {
            throw invalid("batch_rows must be at least 1");
        }
        if (maxRecordBytes < 1024) {
            throw invalid("max_record_bytes must be at least 1024");
        }
    }

    public static CopyOptions parse(Map<String, String> options) {
        InputFormat format = InputFormat.CSV;
        boolean header = false;
        char delimiter = ',';
        String nullString = "";
        int batchRows = DEFAULTS.batchRows;
        int maxRecordBytes = DEFAULTS.maxRecordBytes;
        boolean reload = false;
        for (var e : options.entrySet()) {
            String v = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "format" -> format = switch (v.trim().toLowerCase(Locale.ROOT)) {
                    case "csv" -> InputFormat.CSV;
                    case "json" -> InputFormat.JSON;
                    default -> throw new RunnelSqlException("0A000", "COPY format '" + v
                            + "' is not supported; use 'csv' or 'json'", null);
                };
                case "header" -> header = bool("header", v);
                case "delimiter" -> delimiter = CsvFormat.Options.delimiterOf(v);
                case "null" -> nullString = v;
                case "batch_rows" -> batchRows = integer("batch_rows", v);
                case "max_record_bytes" -> maxRecordBytes = integer("max_record_bytes", v);
                case "reload" -> reload = bool("reload", v);
                default -> throw invalid("unknown COPY option '" + e.getKey()
                        + "'; known: format, header, delimiter, null, batch_rows, max_record_bytes, reload");
            }
        }
        return new CopyOptions(format, header, new CsvFormat.Options(delimiter, nullString), batchRows, maxRecordBytes,
                reload);
    }

    public CopyOptions withBatchRows(int rows) {
        return new CopyOptions(format, header, csv, rows, maxRecordBytes, reload);
    }

    public CopyOptions withFormat(InputFormat f) {
        return new CopyOptions(f, header, csv, batchRows, maxRecordBytes, reload);
    }

    public CopyOptions withHeader(boolean h) {
        return new CopyOptions(format, h, csv, batchRows, maxRecordBytes, reload);
    }

    public CopyOptions withReload(boolean r) {
        return new CopyOptions(format, header, csv, batchRows, maxRecordBytes, r);
    }

    private static boolean bool(String name, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw invalid("COPY option " + name + " must be true or false, was '" + v + "'");
        };
    }

    private static int integer(String name, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw invalid("COPY option " + name + " must be a whole number, was '" + v + "'");
        }
    }

    private static RunnelSqlException invalid(String message) {
        return new RunnelSqlException("42000", message, null);
    }
}
