package dev.runnel.planner.translate;

import dev.runnel.planner.ddl.ScanStart;
import dev.runnel.planner.error.DidYouMean;
import dev.runnel.planner.error.SqlState;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.rel.hint.RelHint;
import dev.runnel.planner.calcite.RelationTable;
import dev.runnel.planner.calcite.SystemTable;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.calcite.rel.core.TableScan;

/**
 * TableScan to {@link ScanNode}. Column indices are into {@link RelationDef#fullRow()}. A scan
 * that needs no column at all (e.g. under {@code COUNT(*)}) still reads the first payload column,
 * so that rows which cannot be decoded are routed to the dead-letter topic rather than counted.
 * Stateless.
 */
public final class ScanTranslator {
    private ScanTranslator() {}

    /** A scan of every column (payload then metadata); an information_schema table becomes its rows. */
    public static PhysicalNode scan(TableScan scan) {
        SystemTable system = scan.getTable().unwrap(SystemTable.class);
        if (system != null) {
            return new ValuesNode(system.rows(), new RowSchema(system.table().columns()));
        }
        return all(scan);
    }

    /** Whether the scan reads a catalog relation (not an information_schema table). */
    public static boolean isRelation(TableScan scan) {
        return scan.getTable().unwrap(SystemTable.class) == null;
    }

    /** A scan of every column (payload then metadata). */
    public static ScanNode all(TableScan scan) {
        RelationDef r = relation(scan);
        return of(scan, IntStream.range(0, r.fullRow().size()).boxed().toList());
    }

    /** A scan of the given columns, in the given order (an empty list reads column 0). */
    public static ScanNode of(TableScan scan, List<Integer> columns) {
        RelationDef r = relation(scan);
        List<Integer> cols = columns.isEmpty() ? List.of(0) : columns;
        List<Column> full = r.fullRow();
        List<Column> schema = new ArrayList<>(cols.size());
        for (int c : cols) {
            schema.add(full.get(c));
        }
        return new ScanNode(r, cols, new RowSchema(schema), start(scan, r));
    }

    /** The keys a table hint {@code /*+ OPTIONS(...) *}{@code /} may set on a scan. */
    static final List<String> HINT_KEYS = List.of("start");

    /** The {@code start} of the scan's OPTIONS hint, checked; other keys are refused. */
    private static Optional<ScanStart> start(TableScan scan, RelationDef r) {
        Optional<ScanStart> start = Optional.empty();
        for (RelHint hint : scan.getHints()) {
            if (!hint.hintName.equalsIgnoreCase("OPTIONS")) {
                continue;
            }
            for (Map.Entry<String, String> e : hint.kvOptions.entrySet()) {
                String key = e.getKey().toLowerCase(Locale.ROOT);
                if (!HINT_KEYS.contains(key)) {
                    throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "unknown option '" + e.getKey()
                            + "' in the OPTIONS hint on " + r.name() + DidYouMean.suffix(e.getKey(), HINT_KEYS)
                            + "; known: " + String.join(", ", HINT_KEYS), SourcePos.UNKNOWN);
                }
                start = Optional.of(ScanStart.parse(e.getValue()).orElseThrow(() -> new RunnelSqlException(
                        SqlState.SYNTAX_OR_RULE, "invalid value '" + e.getValue() + "' for start in the OPTIONS hint on "
                        + r.name() + ": expected " + ScanStart.EXPECTED, SourcePos.UNKNOWN)));
            }
        }
        return start;
    }

    static RelationDef relation(TableScan scan) {
        RelationTable t = scan.getTable().unwrap(RelationTable.class);
        if (t == null) {
            throw Unsupported.of("reading " + String.join(".", scan.getTable().getQualifiedName()));
        }
        return t.relation();
    }
}
