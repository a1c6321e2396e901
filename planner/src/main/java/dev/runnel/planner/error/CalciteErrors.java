package dev.runnel.planner.error;

import dev.runnel.planner.calcite.RunnelFunctions;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.QueryBody;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Turns Calcite's validation errors into Runnel's: a SQLSTATE, a short lower-case message that
 * names the thing and suggests the closest known name, and the position in the script (Calcite's
 * positions are relative to the query body; {@link QueryBody#toScript} moves them). Messages
 * Calcite phrases differently than expected fall back to its own text with SQLSTATE 42000.
 * Stateless and thread-safe.
 */
public final class CalciteErrors {
    private static final Pattern OBJECT_NOT_FOUND =
            Pattern.compile("(?:Object|Table) '([^']*)' not found.*", Pattern.DOTALL);
    private static final Pattern COLUMN_NOT_FOUND =
            Pattern.compile("Column '([^']*)' not found in (?:any table|table '([^']*)').*", Pattern.DOTALL);
    private static final Pattern UNKNOWN_IDENTIFIER = Pattern.compile("Unknown identifier '([^']*)'.*", Pattern.DOTALL);
    private static final Pattern NO_FUNCTION =
            Pattern.compile("No match found for function signature ([^(]+?)(?:\\((.*)\\))?\\s*", Pattern.DOTALL);
    /** Calcite's type of a string literal; Runnel has no CHAR type and shows such values as VARCHAR(n). */
    private static final Pattern CALCITE_CHAR = Pattern.compile("\\bCHAR\\((\\d+)\\)");
    /** Calcite's name of the type Runnel calls INT (as DESCRIBE and result columns do). */
    private static final Pattern CALCITE_INTEGER = Pattern.compile("\\bINTEGER\\b");
    /** Every string is UTF-8 (see {@code CalciteContext}); Calcite names the character set in types anyway. */
    private static final Pattern CHARSET = Pattern.compile(" CHARACTER SET \"[^\"]*\"");
    private static final Pattern CANNOT_APPLY = Pattern.compile(
            "Cannot apply '([^']*)' to arguments of type '(.*?)'\\. Supported form\\(s\\): (.*)", Pattern.DOTALL);
    private static final Pattern CANNOT_ASSIGN = Pattern.compile(
            "Cannot assign to target field '([^']*)' of type (.*) from source field '([^']*)' of type (.*)");
    private static final Pattern COLUMN_COUNT = Pattern.compile(
            "Number of INSERT target columns \\((\\d+)\\) does not equal number of source items \\((\\d+)\\)");
    private static final Pattern ARG_COUNT =
            Pattern.compile("Invalid number of arguments to function '([^']*)'\\. Was expecting (\\d+) arguments");
    private static final Pattern AMBIGUOUS = Pattern.compile("Column '([^']*)' is ambiguous");
    private static final Pattern NOT_GROUPED = Pattern.compile("Expression '(.*)' is not being grouped");
    private static final Pattern AUXILIARY_WITHOUT_GROUP = Pattern.compile(
            "Call to auxiliary group function '([A-Z]+)_[A-Z]+' must have matching call to group function '.*");
    private static final Pattern PARTITION_NOT_SET = Pattern.compile(
            "Only tables with set semantics may be partitioned\\. .* table function '([^']*)'");
    private static final Pattern TYPE_TOKEN = Pattern.compile("<([^<>]+)>");

    private static final Pattern CANNOT_CAST =
            Pattern.compile("Cast function cannot convert value of type (.*) to type (.*)");
    private static final Pattern OTHER_TYPE_ERRORS = Pattern.compile("Illegal mixing of types in CASE or COALESCE statement"
            + "|Type mismatch in column \\d+ of .*|Values passed to (?:NOT )?IN operator must have compatible types"
            + "|Values in expression list must have compatible types");
    private static final Pattern NOT_NULL_COLUMN =
            Pattern.compile("Column '([^']*)' has no default value and does not allow NULLs");
    private static final Pattern UNKNOWN_TARGET_COLUMN = Pattern.compile("Unknown target column '([^']*)'");

    private CalciteErrors() {}

    /**
     * Runs a Calcite step (validation, conversion, rewriting) of {@code body}, turning Calcite's
     * errors into Runnel's.
     */
    public static <T> T guard(Supplier<T> step, QueryBody body, CatalogView catalog) {
        try {
            return step.get();
        } catch (CalciteException e) {
            throw map(e, body, catalog);
        }
    }

    /** The Runnel error for a Calcite error raised while validating or converting {@code body}. */
    public static RunnelSqlException map(CalciteException e, QueryBody body, CatalogView catalog) {
        SourcePos pos = body.origin();
        if (e instanceof CalciteContextException ctx && ctx.getPosLine() > 0) {
            pos = body.toScript(new SourcePos(ctx.getPosLine(), Math.max(1, ctx.getPosColumn())));
        }
        if (e instanceof PositionedQueryError own) {
            return new RunnelSqlException(own.sqlState(), own.detail(), pos, e);
        }
        String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                : e.getMessage();
        String detail = CALCITE_CHAR.matcher(describe(message, body, catalog)).replaceAll("VARCHAR($1)");
        detail = CHARSET.matcher(detail).replaceAll("");
        detail = CALCITE_INTEGER.matcher(detail).replaceAll("INT");
        return new RunnelSqlException(stateFor(message), detail, pos, e);
    }

    private static String stateFor(String m) {
        if (OBJECT_NOT_FOUND.matcher(m).matches()) {
            return SqlState.UNKNOWN_RELATION;
        }
        if (COLUMN_NOT_FOUND.matcher(m).matches() || UNKNOWN_IDENTIFIER.matcher(m).matches()
                || UNKNOWN_TARGET_COLUMN.matcher(m).matches()) {
            return SqlState.UNKNOWN_COLUMN;
        }
        if (NO_FUNCTION.matcher(m).matches() || ARG_COUNT.matcher(m).matches()) {
            return SqlState.UNKNOWN_FUNCTION;
        }
        if (CANNOT_APPLY.matcher(m).matches() || CANNOT_ASSIGN.matcher(m).matches() || CANNOT_CAST.matcher(m).matches()
                || OTHER_TYPE_ERRORS.matcher(m).matches()) {
            return SqlState.TYPE_MISMATCH;
        }
        return SqlState.SYNTAX_OR_RULE;
    }

    private static String describe(String m, QueryBody body, CatalogView catalog) {
        Matcher x;
        if ((x = OBJECT_NOT_FOUND.matcher(m)).matches()) {
            List<String> names = catalog.all().stream().map(r -> r.name()).toList();
            return "unknown stream or table '" + x.group(1) + "'" + DidYouMean.suffix(x.group(1), names);
        }
        if ((x = COLUMN_NOT_FOUND.matcher(m)).matches() || (x = UNKNOWN_IDENTIFIER.matcher(m)).matches()
                || (x = UNKNOWN_TARGET_COLUMN.matcher(m)).matches()) {
            return "unknown column '" + x.group(1) + "'" + DidYouMean.suffix(x.group(1), columnsInScope(body, catalog));
        }
        if ((x = NO_FUNCTION.matcher(m)).matches()) {
            String name = x.group(1).trim();
            String args = x.group(2) == null ? "" : types(x.group(2));
            List<String> known = RunnelFunctions.functionNames();
            if (known.stream().anyMatch(k -> k.equalsIgnoreCase(name))) {
                return "function '" + name + "' does not take arguments (" + args + ")";
            }
            return "unknown function '" + name + "'" + (args.isEmpty() ? "" : " for arguments (" + args + ")")
                    + DidYouMean.suffix(name, known);
        }
        if ((x = CANNOT_APPLY.matcher(m)).matches()) {
            List<String> types = typeList(x.group(2));
            String supported = x.group(3).replaceAll("[<>']", "").replaceAll("\\s*\\n\\s*", "; ").trim();
            return "cannot apply '" + x.group(1) + "' to " + joinAnd(types)
                    + (supported.isEmpty() || supported.length() > 80 ? "" : " (supported: " + supported + ")");
        }
        if ((x = CANNOT_ASSIGN.matcher(m)).matches()) {
            return "column '" + x.group(1) + "' is " + x.group(2).replace(" NOT NULL", "")
                    + " but the value written to it is " + x.group(4).replace(" NOT NULL", "");
        }
        if ((x = CANNOT_CAST.matcher(m)).matches()) {
            return "cannot CAST " + x.group(1).replace(" NOT NULL", "") + " to " + x.group(2).replace(" NOT NULL", "");
        }
        if ((x = NOT_NULL_COLUMN.matcher(m)).matches()) {
            return "column '" + x.group(1) + "' is NOT NULL: the INSERT must give it a value";
        }
        if ((x = COLUMN_COUNT.matcher(m)).matches()) {
            return "the INSERT target has " + x.group(1) + " columns but the query produces " + x.group(2);
        }
        if ((x = ARG_COUNT.matcher(m)).matches()) {
            return "function '" + x.group(1) + "' expects " + x.group(2) + " arguments";
        }
        if ((x = AMBIGUOUS.matcher(m)).matches()) {
            return "column '" + x.group(1) + "' is ambiguous: qualify it with a table name or alias";
        }
        if ((x = NOT_GROUPED.matcher(m)).matches()) {
            return "'" + x.group(1) + "' must be in GROUP BY or inside an aggregate function";
        }
        if ((x = AUXILIARY_WITHOUT_GROUP.matcher(m)).matches()) {
            String w = x.group(1);
            return w + "_START and " + w + "_END need GROUP BY " + w + "(...) with the same arguments";
        }
        if ((x = PARTITION_NOT_SET.matcher(m)).matches()) {
            return "PARTITION BY in the table argument is for SESSION windows only, not " + x.group(1);
        }
        if (m.startsWith("Illegal use of dynamic parameter")) {
            return "the type of this ? parameter cannot be inferred: write CAST(? AS type)";
        }
        if (m.startsWith("Illegal use of 'NULL'")) {
            return "the type of this NULL cannot be inferred: write CAST(NULL AS type)";
        }
        return lowerFirst(m.lines().findFirst().orElse(m));
    }

    /** Calcite's sentences start upper-case; Runnel's messages do not (unless they start with a keyword). */
    private static String lowerFirst(String m) {
        return m.length() > 1 && Character.isUpperCase(m.charAt(0)) && Character.isLowerCase(m.charAt(1))
                ? Character.toLowerCase(m.charAt(0)) + m.substring(1) : m;
    }

    /** Column names of every relation the body mentions, plus the metadata columns. */
    private static Set<String> columnsInScope(QueryBody body, CatalogView catalog) {
        Set<String> names = new LinkedHashSet<>();
        body.node().accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                for (String part : id.names) {
                    catalog.find(part).ifPresent(r -> r.fullRow().stream().map(Column::name).forEach(names::add));
                }
                return null;
            }
        });
        return names;
    }

    private static List<String> typeList(String s) {
        List<String> out = new ArrayList<>();
        Matcher t = TYPE_TOKEN.matcher(s);
        while (t.find()) {
            out.add(t.group(1).replace(" NOT NULL", ""));
        }
        return out;
    }

    private static String types(String s) {
        return String.join(", ", typeList(s));
    }

    private static String joinAnd(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "these arguments" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
