package dev.runnel.planner.ddl;

import dev.runnel.sql.SourcePos;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.planner.error.SqlState;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.query.QueryPlanner;
import dev.runnel.planner.streaming.StreamingAnalysis;
import dev.runnel.planner.streaming.UniqueKeys;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.CreateMaterializedView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Plans CREATE MATERIALIZED VIEW: the query (planned as a continuous one), and the view's catalog
 * entry: its columns are the query's (each must have a name of its own), its key the query's unique
 * key ({@link UniqueKeys}: the GROUP BY keys, a window's keys and bounds, a table's primary key) or,
 * when there is none, the whole row (kept with a multiplicity), its storage a compacted topic of its
 * own. Refused: a name that exists (42S01, unless IF NOT EXISTS), unknown WITH options, and a query
 * whose state would grow with every row it reads (a join or sort over a stream), which a view that
 * runs forever cannot hold. Stateless.
 */
public final class CreateViewPlanner {
    /** Where a view's changelog topic lives: {@code _view.NAME} (compacted). */
    public static final String TOPIC_PREFIX = "_view.";
    /** The view option naming how many standby copies of each task's state a cluster keeps. */
    public static final String STANDBY_REPLICAS = "standby.replicas";
    static final int MAX_STANDBY_REPLICAS = 10;

    private CreateViewPlanner() {}

    public static PlannedStatement.CreateView plan(CreateMaterializedView v, CatalogView catalog) {
        return plan(v, catalog, 0);
    }

    /**
     * Plans the view for a session whose {@code state.ttl} is {@code stateTtlMillis} (0: none): with a
     * TTL, a regular join over a stream keeps its state bounded, so the view is allowed.
     */
    public static PlannedStatement.CreateView plan(CreateMaterializedView v, CatalogView catalog, long stateTtlMillis) {
        Optional<RelationDef> existing = catalog.find(v.name());
        if (existing.isPresent() && !v.ifNotExists()) {
            throw new RunnelSqlException(SqlState.ALREADY_EXISTS, CreateRelationPlanner.describe(existing.get().kind())
                    + " '" + existing.get().name() + "' already exists (use CREATE MATERIALIZED VIEW IF NOT EXISTS to"
                    + " skip it)", v.pos());
        }
        standbyReplicas(v.options(), v.pos());
        PhysicalNode root = query(v, catalog);
        List<Column> columns = root.schema().columns();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).name();
            if (name.startsWith("EXPR$") || name.startsWith("$")) {
                throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "column " + (i + 1) + " of the view has no name:"
                        + " give it one with AS (for example COUNT(*) AS bids)", v.pos());
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "the view has two columns named '" + name
                        + "': rename one with AS", v.pos());
            }
        }
        StreamingAnalysis.Analysis analysis = StreamingAnalysis.analyze(root, stateTtlMillis);
        checkState(root, analysis, v);
        List<Integer> key = UniqueKeys.of(root).orElse(List.of());
        StorageSpec storage = new StorageSpec(TOPIC_PREFIX + v.name(), 1, Format.COLUMNAR, key,
                TOPIC_PREFIX + v.name() + ".dead-letters");
        RelationDef def = new RelationDef(v.name(), RelationKind.MATERIALIZED_VIEW, columns, key, Optional.empty(),
                storage, v.options(), v.text());
        return new PlannedStatement.CreateView(def, root, reads(root), v.ifNotExists());
    }

    /** The view options there are. */
    public static final List<String> OPTIONS = List.of(STANDBY_REPLICAS);

    /**
     * The {@code standby.replicas} of a view's options (0 when not given): how many other processes of
     * a cluster keep a warm copy of each of its tasks' state; checks every option ({@code pos}: where
     * an error points).
     */
    public static int standbyReplicas(java.util.Map<String, String> options, SourcePos pos) {
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw OptionErrors.unknownKey("view option", key, OPTIONS, "", pos);
            }
        }
        String v = options.get(STANDBY_REPLICAS);
        return v == null ? 0 : standbyReplicas(v, pos);
    }

    /** A {@code standby.replicas} value (a view option or a setting), checked. */
    static int standbyReplicas(String v, SourcePos pos) {
        String t = v.trim();
        if (t.matches("[0-9]{1,2}") && Integer.parseInt(t) <= MAX_STANDBY_REPLICAS) {
            return Integer.parseInt(t);
        }
        throw OptionErrors.badValue(STANDBY_REPLICAS, v, "a whole number from 0 to " + MAX_STANDBY_REPLICAS, pos);
    }

    /** The view's query planned again (engine start): the catalog then holds the view itself. */
    public static PhysicalNode query(CreateMaterializedView v, CatalogView catalog) {
        return QueryPlanner.plan(v.query(), true, catalog).root();
    }

    /** The streams, tables and views a plan reads, in plan order. */
    public static List<String> reads(PhysicalNode root) {
        Set<String> names = new LinkedHashSet<>();
        collect(root, names);
        return new ArrayList<>(names);
    }

    private static void collect(PhysicalNode node, Set<String> names) {
        if (node instanceof ScanNode scan) {
            names.add(scan.relation().name());
        }
        node.inputs().forEach(i -> collect(i, names));
    }

    private static void checkState(PhysicalNode node, StreamingAnalysis.Analysis analysis, CreateMaterializedView v) {
        String state = analysis.of(node).state();
        if (state.contains("state grows with every row")) {
            String why = analysis.of(node).unboundedState().orElse(state);
            if (node instanceof HashJoinNode) {
                throw new RunnelSqlException(SqlState.NOT_SUPPORTED, "a materialized view runs for as long as it"
                        + " exists, and its state would grow without bound: " + why + "; join tables or views (rows"
                        + " by primary key), bound one side's event time by the other's (an interval join: ON a.k ="
                        + " b.k AND b.ts BETWEEN a.ts - INTERVAL '1' MINUTE AND a.ts + INTERVAL '1' MINUTE), or join"
                        + " a table's version at each row's time (FOR SYSTEM_TIME AS OF), or SET 'state.ttl' to drop rows"
                        + " not written for that long (results may then miss matches)", v.pos());
            }
            throw new RunnelSqlException(SqlState.NOT_SUPPORTED, "a materialized view runs for as long as it exists,"
                    + " and its state would grow without bound: " + why + "; bound it with a window (TUMBLE, HOP,"
                    + " SESSION, CUMULATE) or aggregate first", v.pos());
        }
        node.inputs().forEach(i -> checkState(i, analysis, v));
    }
}
