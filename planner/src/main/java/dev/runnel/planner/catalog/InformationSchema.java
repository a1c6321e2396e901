package dev.runnel.planner.catalog;

import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The SQL-queryable description of the catalog, {@code information_schema}: tables
 * {@code schemata}, {@code tables}, {@code columns}, {@code key_column_usage} (primary keys) and
 * {@code routines} (the functions queries can call), computed from a catalog snapshot, with the
 * names and types JDBC's DatabaseMetaData reports (catalog and schema {@code runnel}; table types
 * {@code STREAM}, {@code TABLE}, {@code MATERIALIZED VIEW}; these tables themselves as
 * {@code SYSTEM TABLE}s of schema {@code information_schema}). Values are in their types' Java
 * representation. Stateless.
 */
public final class InformationSchema {
    public static final String NAME = "information_schema";
    public static final String CATALOG = "runnel";
    public static final String SCHEMA = "runnel";

    /** One system table: its columns and how to compute its rows from a snapshot. */
    public record Table(String name, List<Column> columns, Function<CatalogView, List<List<Object>>> rows) {}

    private static final DataType TEXT = DataType.varchar().notNull();
    private static final DataType TEXT_NULL = DataType.varchar();
    private static final DataType INT = DataType.of(TypeKind.INT).notNull();
    private static final DataType INT_NULL = DataType.of(TypeKind.INT);

    public static final Table SCHEMATA = new Table("schemata", List.of(
            new Column("catalog_name", TEXT), new Column("schema_name", TEXT)),
            InformationSchema::schemata);

    public static final Table TABLES = new Table("tables", List.of(
            new Column("table_catalog", TEXT), new Column("table_schema", TEXT), new Column("table_name", TEXT),
            new Column("table_type", TEXT), new Column("topic", TEXT_NULL), new Column("partitions", INT_NULL),
            new Column("format", TEXT_NULL)),
            InformationSchema::tables);

    public static final Table COLUMNS = new Table("columns", List.of(
            new Column("table_catalog", TEXT), new Column("table_schema", TEXT), new Column("table_name", TEXT),
            new Column("column_name", TEXT), new Column("ordinal_position", INT), new Column("data_type", TEXT),
            new Column("is_nullable", TEXT), new Column("numeric_precision", INT_NULL),
            new Column("numeric_scale", INT_NULL), new Column("is_primary_key", TEXT),
            new Column("is_metadata", TEXT)),
            InformationSchema::columns);

    public static final Table KEY_COLUMN_USAGE = new Table("key_column_usage", List.of(
            new Column("constraint_name", TEXT), new Column("table_catalog", TEXT), new Column("table_schema", TEXT),
            new Column("table_name", TEXT), new Column("column_name", TEXT), new Column("ordinal_position", INT)),
            InformationSchema::keys);

    public static final Table ROUTINES = new Table("routines", List.of(
            new Column("routine_catalog", TEXT), new Column("routine_schema", TEXT), new Column("routine_name", TEXT),
            new Column("routine_type", TEXT), new Column("remarks", TEXT)),
            InformationSchema::routines);

    /** Every table of the schema, in name order. */
    public static final List<Table> ALL = List.of(COLUMNS, KEY_COLUMN_USAGE, ROUTINES, SCHEMATA, TABLES);

    /** Name and remarks of every function the engine runs. */
    public static final List<String[]> FUNCTIONS = List.of(
            new String[] {"ABS", "absolute value"},
            new String[] {"ASCII", "ASCII(s): the first UTF-8 byte of s"},
            new String[] {"AVG", "aggregate: average"},
            new String[] {"BTRIM", "BTRIM(s [, chars]): s without spaces (or chars) at both ends"},
            new String[] {"CAST", "CAST(x AS type)"},
            new String[] {"CEIL", "smallest integer not below x; CEIL(ts TO unit) rounds time up"},
            new String[] {"CHARACTER_LENGTH", "length of a string in characters"},
            new String[] {"CHAR_LENGTH", "length of a string in characters"},
            new String[] {"CHR", "CHR(n): the character n mod 256"},
            new String[] {"COALESCE", "first argument that is not NULL"},
            new String[] {"CONCAT", "CONCAT(s, ...): the strings joined, NULL if any is NULL"},
            new String[] {"CONCAT_WS", "CONCAT_WS(sep, s, ...): the strings that are not NULL joined by sep"},
            new String[] {"CONTAINS_TOKEN", "CONTAINS_TOKEN(text, word): whether word is a token of text, ignoring case"},
            new String[] {"COUNT", "aggregate: number of rows, or of values that are not NULL"},
            new String[] {"CUMULATE", "table function: cumulative windows, CUMULATE(TABLE t, DESCRIPTOR(ts), step, size)"},
            new String[] {"CURRENT_DATE", "today"},
            new String[] {"CURRENT_TIMESTAMP", "the current time"},
            new String[] {"DATE_FORMAT", "DATE_FORMAT(ts, pattern): a timestamp as text"},
            new String[] {"EXP", "e raised to x"},
            new String[] {"EXTRACT", "EXTRACT(unit FROM ts): a field of a timestamp or date"},
            new String[] {"FIRST_VALUE", "aggregate: the first value that is not NULL"},
            new String[] {"FLOOR", "largest integer not above x; FLOOR(ts TO unit) rounds time down"},
            new String[] {"FROM_BASE64", "FROM_BASE64(s): base64 text decoded"},
            new String[] {"FROM_UNIXTIME", "FROM_UNIXTIME(seconds [, format]): a Unix time as text"},
            new String[] {"GREATEST", "GREATEST(a, ...): the largest argument, NULL if any is NULL"},
            new String[] {"HOP", "table function: sliding windows, HOP(TABLE t, DESCRIPTOR(ts), slide, size)"},
            new String[] {"IF", "IF(c, a, b): a when c is true, else b"},
            new String[] {"IFNULL", "IFNULL(a, b): a, or b when a is NULL"},
            new String[] {"INITCAP", "INITCAP(s): each word capitalized"},
            new String[] {"INSTR", "INSTR(s, sub): where sub starts in s, 0 if nowhere"},
            new String[] {"LAST_VALUE", "aggregate: the last value that is not NULL"},
            new String[] {"LEAST", "LEAST(a, ...): the smallest argument, NULL if any is NULL"},
            new String[] {"LEFT", "LEFT(s, n): the first n characters"},
            new String[] {"LISTAGG", "aggregate: the values joined by a separator"},
            new String[] {"LN", "natural logarithm"},
            new String[] {"LOCALTIMESTAMP", "the current time"},
            new String[] {"LOCATE", "LOCATE(sub, s [, from]): where sub starts in s, 0 if nowhere"},
            new String[] {"LOG10", "base-10 logarithm"},
            new String[] {"LOWER", "a string in lower case"},
            new String[] {"LPAD", "LPAD(s, n, pad): s padded on the left to n characters"},
            new String[] {"LTRIM", "LTRIM(s [, chars]): s without leading spaces (or chars)"},
            new String[] {"MAX", "aggregate: largest value"},
            new String[] {"MD5", "MD5(s): the MD5 digest in hex"},
            new String[] {"MIN", "aggregate: smallest value"},
            new String[] {"MOD", "remainder of a division"},
            new String[] {"NULLIF", "NULL when both arguments are equal, else the first"},
            new String[] {"POSITION", "POSITION(s IN t): where s starts in t, 0 if nowhere"},
            new String[] {"POWER", "x raised to y"},
            new String[] {"PROCTIME", "processing time: the clock when the row is processed"},
            new String[] {"REGEXP", "REGEXP(s, regex): whether a regular expression matches part of s"},
            new String[] {"REGEXP_EXTRACT", "REGEXP_EXTRACT(s, regex[, group]): the part of s a regular expression matches"},
            new String[] {"REGEXP_REPLACE", "REGEXP_REPLACE(s, regex, replacement): every match replaced"},
            new String[] {"REPEAT", "REPEAT(s, n): s n times"},
            new String[] {"REPLACE", "REPLACE(s, search, replacement): s with every search replaced"},
            new String[] {"REVERSE", "REVERSE(s): the characters of s backwards"},
            new String[] {"RIGHT", "RIGHT(s, n): the last n characters"},
            new String[] {"ROUND", "x rounded to n decimal places"},
            new String[] {"RPAD", "RPAD(s, n, pad): s padded on the right to n characters"},
            new String[] {"RTRIM", "RTRIM(s [, chars]): s without trailing spaces (or chars)"},
            new String[] {"SESSION", "table function: session windows, SESSION(TABLE t, DESCRIPTOR(ts), gap)"},
            new String[] {"SHA256", "SHA256(s): the SHA-256 digest in hex"},
            new String[] {"SIGN", "the sign of x: -1, 0 or 1"},
            new String[] {"SPLIT_INDEX", "SPLIT_INDEX(s, separator, n): the n-th part of s"},
            new String[] {"SQRT", "square root"},
            new String[] {"STDDEV", "aggregate: sample standard deviation"},
            new String[] {"STDDEV_POP", "aggregate: population standard deviation"},
            new String[] {"STDDEV_SAMP", "aggregate: sample standard deviation"},
            new String[] {"SUBSTR", "SUBSTR(s, start [, length]): SUBSTRING(s FROM start [FOR length])"},
            new String[] {"SUBSTRING", "SUBSTRING(s FROM start [FOR length])"},
            new String[] {"SUM", "aggregate: sum"},
            new String[] {"TIMESTAMPADD", "TIMESTAMPADD(unit, n, ts): ts plus n units"},
            new String[] {"TIMESTAMPDIFF", "TIMESTAMPDIFF(unit, t1, t2): whole units from t1 to t2"},
            new String[] {"TO_BASE64", "TO_BASE64(s): s as base64 text"},
            new String[] {"TO_DATE", "TO_DATE(s [, format]): a date from text"},
            new String[] {"TO_TIMESTAMP", "TO_TIMESTAMP(s [, format]): a timestamp from text"},
            new String[] {"TRIM", "TRIM([BOTH|LEADING|TRAILING] [c] FROM s)"},
            new String[] {"TRUNCATE", "TRUNCATE(x [, d]): x cut toward zero to d decimal places"},
            new String[] {"TUMBLE", "table function: fixed windows, TUMBLE(TABLE t, DESCRIPTOR(ts), size)"},
            new String[] {"UNIX_TIMESTAMP", "UNIX_TIMESTAMP([s [, format]]): seconds since 1970-01-01"},
            new String[] {"UPPER", "a string in upper case"},
            new String[] {"VARIANCE", "aggregate: sample variance"},
            new String[] {"VAR_POP", "aggregate: population variance"},
            new String[] {"VAR_SAMP", "aggregate: sample variance"});

    private static List<List<Object>> keys(CatalogView catalog) {
        List<List<Object>> rows = new ArrayList<>();
        for (RelationDef r : catalog.all()) {
            List<Integer> key = r.primaryKey();
            for (int k = 0; k < key.size(); k++) {
                rows.add(List.of(r.name() + "_pkey", CATALOG, SCHEMA, r.name(), r.columns().get(key.get(k)).name(), k + 1));
            }
        }
        return rows;
    }

    private static List<List<Object>> routines(CatalogView catalog) {
        List<List<Object>> rows = new ArrayList<>();
        for (String[] f : FUNCTIONS) {
            rows.add(List.of(CATALOG, SCHEMA, f[0], f[1].startsWith("table function") ? "TABLE FUNCTION"
                    : f[1].startsWith("aggregate") ? "AGGREGATE FUNCTION" : "FUNCTION", f[1]));
        }
        return rows;
    }

    private InformationSchema() {}

    /** The JDBC table type of a relation. */
    public static String tableType(RelationKind kind) {
        return switch (kind) {
            case STREAM -> "STREAM";
            case TABLE -> "TABLE";
            case MATERIALIZED_VIEW -> "MATERIALIZED VIEW";
        };
    }

    private static List<List<Object>> schemata(CatalogView catalog) {
        return List.of(List.of(CATALOG, NAME), List.of(CATALOG, SCHEMA));
    }

    private static List<List<Object>> tables(CatalogView catalog) {
        List<List<Object>> rows = new ArrayList<>();
        for (RelationDef r : catalog.all()) {
            rows.add(Arrays.asList(CATALOG, SCHEMA, r.name(), tableType(r.kind()), r.storage().topic(),
                    r.storage().partitions(), r.storage().format().sqlName()));
        }
        for (Table t : ALL) {
            rows.add(Arrays.asList(CATALOG, NAME, t.name(), "SYSTEM TABLE", null, null, null));
        }
        return rows;
    }

    private static List<List<Object>> columns(CatalogView catalog) {
        List<List<Object>> rows = new ArrayList<>();
        for (RelationDef r : catalog.all()) {
            List<Column> full = r.fullRow();
            for (int i = 0; i < full.size(); i++) {
                rows.add(column(SCHEMA, r.name(), full.get(i), i, r.primaryKey().contains(i), i >= r.columns().size()));
            }
        }
        for (Table t : ALL) {
            for (int i = 0; i < t.columns().size(); i++) {
                rows.add(column(NAME, t.name(), t.columns().get(i), i, false, false));
            }
        }
        return rows;
    }

    private static List<Object> column(String schema, String table, Column c, int index, boolean key, boolean metadata) {
        DataType type = c.type();
        boolean numeric = type.kind().isNumeric();
        Integer precision = !numeric ? null : switch (type.kind()) {
            case INT -> 10;
            case BIGINT -> 19;
            case DOUBLE -> 15;
            default -> type.precision();
        };
        Integer scale = !numeric ? null : type.kind() == TypeKind.DECIMAL ? type.scale()
                : type.kind() == TypeKind.DOUBLE ? null : 0;
        return Arrays.asList(CATALOG, schema, table, c.name(), index + 1, type.withNullable(true).toSql(),
                type.nullable() ? "YES" : "NO", precision, scale, key ? "YES" : "NO", metadata ? "YES" : "NO");
    }
}
