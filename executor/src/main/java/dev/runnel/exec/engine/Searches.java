package dev.runnel.exec.engine;

import dev.runnel.exec.catalog.JobDef;
import dev.runnel.exec.catalog.SearchDef;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.search.SearchIndex;
import dev.runnel.exec.search.SearchOperator;
import dev.runnel.exec.search.SearchSet;
import dev.runnel.exec.search.StandingSearch;
import dev.runnel.log.TopicPartition;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.StatementParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The engine's standing searches ({@code CREATE SEARCH name ON stream WHERE ...}). Searches are
 * recorded in the catalog ({@link SearchDef}); the searches of one stream run in one persistent
 * job, {@code <stream>_searches}, which reads the stream's events and writes one row per (event,
 * matching search) into the stream {@code <stream>_matches} ({@code search_name} and the event's
 * columns; made with the first search, kept when the last is dropped). The job is a job like
 * {@code CREATE JOB}'s ({@link Jobs}: checkpoints, exactly-once output, SHOW JOBS), whose pipeline
 * ends in a {@link SearchOperator}. Creating or dropping a search replaces the stream's
 * {@link SearchSet}, which the running operator picks up before its next batch. A search applies
 * to the events appended after it was created: it records each partition's end offset then. The
 * job starts at those offsets when it is made. Thread-safe (changes are serialized).
 */
final class Searches {
    private static final System.Logger LOG = System.getLogger(Searches.class.getName());
    private static final ExprCompiler COMPILER = new ExprCompiler();
    /** What a search job's {@link JobDef#sql()} says; {@link Jobs} re-plans it through {@link #insertFor}. */
    private static final Pattern JOB_SQL = Pattern.compile("SEARCHES ON \"((?:[^\"]|\"\")+)\" INTO \"((?:[^\"]|\"\")+)\"");

    private final RunnelEngine engine;
    /** By lower-case stream name. */
    private final Map<String, SearchSet> sets = new HashMap<>();
    /** Planned searches by lower-case name (a search's plan does not change while it exists). */
    private final Map<String, StandingSearch> planned = new java.util.concurrent.ConcurrentHashMap<>();

    Searches(RunnelEngine engine) {
        this.engine = engine;
    }

    static String matchesName(String stream) {
        return stream + "_matches";
    }

    static String jobName(String stream) {
        return stream + "_searches";
    }

    /** Engine open: plans every recorded search into its stream's set (before the jobs start). */
    synchronized void loadAll() {
        Map<String, List<SearchDef>> byStream = new HashMap<>();
        for (SearchDef d : engine.catalogStore().searches()) {
            byStream.computeIfAbsent(key(d.stream()), k -> new ArrayList<>()).add(d);
        }
        byStream.forEach((stream, defs) -> publish(stream));
    }

    /**
     * Brings the searches' sets in line with the catalog after another process of the cluster
     * changed it (their jobs follow through {@link Jobs#reconcile}).
     */
    synchronized void reconcile() {
        java.util.Set<String> names = new java.util.HashSet<>();
        java.util.Set<String> streams = new java.util.HashSet<>(sets.keySet());
        for (SearchDef d : engine.catalogStore().searches()) {
            names.add(key(d.name()));
            streams.add(key(d.stream()));
        }
        planned.keySet().retainAll(names);
        for (String stream : streams) {
            publish(stream);
        }
    }

    /**
     * CREATE SEARCH: records the search, makes the matches stream and the job if needed (the job
     * checkpoints at the session's {@code checkpoint.interval}); returns the message.
     */
    synchronized String create(PlannedStatement.CreateSearch c, Map<String, String> settings, SourcePos pos) {
        if (engine.catalogStore().search(c.name()).isPresent()) {
            if (c.ifNotExists()) {
                return "search " + c.name() + " already exists; nothing done";
            }
            throw new RunnelSqlException("42710", "search '" + c.name() + "' already exists (DROP SEARCH " + c.name()
                    + " first to change it)", pos);
        }
        RelationDef stream = c.stream();
        RelationDef matches = matchesStream(stream, pos);
        List<Long> starts = endOffsets(stream);
        String job = jobName(stream.name());
        boolean newJob = engine.catalogStore().job(job).isEmpty();
        if (newJob) { // it starts where the search does: nothing before is matched, nothing after missed
            Map<TopicPartition, Long> at = new HashMap<>();
            for (int p = 0; p < starts.size(); p++) {
                at.put(new TopicPartition(stream.storage().topic(), p), starts.get(p));
            }
            engine.log().groups().commit(JobDef.groupId(job), null, -1, at);
        }
        engine.catalogStore().putSearch(new SearchDef(c.name(), stream.name(), c.conditionSql(), c.sql(), starts));
        publish(key(stream.name()));
        if (newJob) {
            engine.jobs().createSearchJob(new JobDef(job, jobSql(stream.name(), matches.name()), "latest", false,
                    settings.get("checkpoint.interval")));
        }
        return "created search " + c.name() + " (events of " + stream.name() + " from now on that match go to "
                + matches.name() + ")";
    }

    /** DROP SEARCH: forgets it; the last search of a stream takes its job along (the matches stream stays). */
    synchronized String drop(String name, boolean ifExists, SourcePos pos) {
        Optional<SearchDef> found = engine.catalogStore().search(name);
        if (found.isEmpty()) {
            if (ifExists) {
                return "search " + name + " does not exist; nothing done";
            }
            throw new RunnelSqlException("42704", "unknown search '" + name + "'" + dev.runnel.planner.error.DidYouMean
                    .suffix(name, engine.catalogStore().searches().stream().map(SearchDef::name).toList()), pos);
        }
        SearchDef def = found.get();
        engine.catalogStore().dropSearch(def.name());
        planned.remove(key(def.name()));
        publish(key(def.stream()));
        if (ofStream(def.stream()).isEmpty()) {
            engine.jobs().drop(jobName(def.stream()), true, pos);
            sets.remove(key(def.stream()));
        }
        return "dropped search " + def.name();
    }

    /** The searches of {@code stream}, in creation order. */
    List<SearchDef> ofStream(String stream) {
        return engine.catalogStore().searches().stream().filter(d -> d.stream().equalsIgnoreCase(stream)).toList();
    }

    /** DROP JOB / STOP JOB of a stream's search job: refused while the stream has searches. */
    void refuseSearchJob(String job, String what, SourcePos pos) {
        Optional<JobDef> def = engine.catalogStore().job(job);
        if (def.isPresent() && isSearchJob(def.get())) {
            String stream = engine.catalogStore().searches().stream().map(SearchDef::stream)
                    .filter(s -> jobName(s).equalsIgnoreCase(job)).findFirst().orElse(null);
            if (stream != null) {
                throw new RunnelSqlException("2BP01", "job " + def.get().name() + " runs the standing searches of "
                        + stream + "; " + what + " JOB does not apply to it: DROP SEARCH them instead", pos);
            }
        }
    }

    /** Whether {@code def} is a stream's search job. */
    static boolean isSearchJob(JobDef def) {
        return JOB_SQL.matcher(def.sql()).matches();
    }

    /** A search job's plan: the stream's full rows into its matches stream (through {@link #operatorFor}). */
    PlannedStatement.Insert insertFor(JobDef def) {
        Matcher m = JOB_SQL.matcher(def.sql());
        if (!m.matches()) {
            throw new IllegalStateException("not a search job: " + def.sql());
        }
        RelationDef stream = relation(m.group(1).replace("\"\"", "\""));
        RelationDef matches = relation(m.group(2).replace("\"\"", "\""));
        List<Column> full = stream.fullRow();
        ScanNode scan = new ScanNode(stream, IntStream.range(0, full.size()).boxed().toList(), new RowSchema(full));
        return new PlannedStatement.Insert(matches, scan, 0);
    }

    /** The operator that ends a search job's pipeline, reading the stream's live {@link SearchSet}. */
    SearchOperator operatorFor(JobDef def, PlannedStatement.Insert insert) {
        ScanNode scan = (ScanNode) insert.source();
        SearchSet set;
        synchronized (this) {
            set = sets.computeIfAbsent(key(scan.relation().name()), k -> new SearchSet());
        }
        return new SearchOperator(set, scan.schema(), scan.relation().columns().size(), COMPILER);
    }

    private RelationDef relation(String name) {
        return engine.catalog().find(name).orElseThrow(() -> new RunnelSqlException("42S02",
                "the searches read '" + name + "', which no longer exists", SourcePos.UNKNOWN));
    }

    private static String jobSql(String stream, String matches) {
        return "SEARCHES ON \"" + stream.replace("\"", "\"\"") + "\" INTO \"" + matches.replace("\"", "\"\"") + "\"";
    }

    /** Re-plans the stream's searches and hands them to its set (and so to its running job). */
    private void publish(String streamKey) {
        List<StandingSearch> list = new ArrayList<>();
        for (SearchDef d : engine.catalogStore().searches()) {
            if (key(d.stream()).equals(streamKey)) {
                try {
                    list.add(planned(d));
                } catch (RunnelSqlException e) { // it stays in SHOW SEARCHES, shown as invalid
                    LOG.log(System.Logger.Level.WARNING, "search " + d.name() + " cannot be planned: " + e.detail());
                }
            }
        }
        sets.computeIfAbsent(streamKey, k -> new SearchSet()).set(list);
    }

    private StandingSearch planned(SearchDef d) {
        return planned.computeIfAbsent(key(d.name()), k -> new StandingSearch(d.name(), plan(d).condition(),
                d.startOffsets().stream().mapToLong(Long::longValue).toArray()));
    }

    private PlannedStatement.CreateSearch plan(SearchDef d) {
        return (PlannedStatement.CreateSearch) new StatementPlanner().plan(new StatementParser().parse(d.sql()),
                engine.catalog(), Map.of());
    }

    /** The stream {@code <stream>_matches}: made with the stream's columns after {@code search_name}, or checked. */
    private RelationDef matchesStream(RelationDef stream, SourcePos pos) {
        String name = matchesName(stream.name());
        List<Column> wanted = new ArrayList<>();
        wanted.add(new Column("search_name", dev.runnel.sql.type.DataType.varchar().notNull()));
        wanted.addAll(stream.columns());
        Optional<RelationDef> existing = engine.catalog().find(name);
        if (existing.isPresent()) {
            RelationDef r = existing.get();
            boolean same = r.kind() == RelationKind.STREAM && r.columns().size() == wanted.size()
                    && IntStream.range(0, wanted.size()).allMatch(i -> r.columns().get(i).name()
                            .equalsIgnoreCase(wanted.get(i).name())
                            && r.columns().get(i).type().withNullable(true).equals(wanted.get(i).type().withNullable(true)));
            if (!same) {
                throw new RunnelSqlException("42S01", "the matches of searches on " + stream.name() + " go to "
                        + name + ", which exists with other columns than (search_name, " + stream.columns().stream()
                        .map(Column::name).collect(Collectors.joining(", ")) + "); drop or rename it", pos);
            }
            return r;
        }
        StringBuilder sql = new StringBuilder("CREATE STREAM ").append(quote(name)).append(" (");
        sql.append(wanted.stream().map(col -> quote(col.name()) + " " + col.type().toSql())
                .collect(Collectors.joining(", ")));
        stream.watermark().ifPresent(w -> {
            String col = quote(stream.columns().get(w.column()).name());
            sql.append(", WATERMARK FOR ").append(col).append(" AS ").append(col);
            if (w.delayMillis() > 0) {
                sql.append(" - INTERVAL '").append(w.delayMillis() / 1000).append('.')
                        .append(String.format(Locale.ROOT, "%03d", w.delayMillis() % 1000)).append("' SECOND");
            }
        });
        sql.append(") WITH (partitions = ").append(stream.storage().partitions()).append(')');
        PlannedStatement.CreateRelation planned = (PlannedStatement.CreateRelation) new StatementPlanner()
                .plan(new StatementParser().parse(sql.toString()), engine.catalog(), Map.of());
        engine.catalogStore().create(planned.relation());
        return planned.relation();
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private List<Long> endOffsets(RelationDef stream) {
        List<Long> ends = new ArrayList<>();
        for (int p = 0; p < stream.storage().partitions(); p++) {
            ends.add(engine.log().logEndOffset(new TopicPartition(stream.storage().topic(), p)));
        }
        return ends;
    }

    /**
     * DESCRIBE's rows about searches: on a searched stream, its searches and where they match to; on
     * a matches stream, whose searches fill it.
     */
    List<Object[]> describeRows(String relation) {
        List<Object[]> rows = new ArrayList<>();
        List<SearchDef> searching = ofStream(relation);
        if (!searching.isEmpty()) {
            rows.add(new Object[] {"(searches)", Integer.toString(searching.size()), null, null,
                searching.stream().map(SearchDef::name).collect(Collectors.joining(", ")) + " -> "
                        + matchesName(searching.get(0).stream()) + " (job " + jobName(searching.get(0).stream())
                        + ")"});
        }
        for (RelationDef r : engine.catalog().all()) {
            if (matchesName(r.name()).equalsIgnoreCase(relation) && !ofStream(r.name()).isEmpty()) {
                rows.add(new Object[] {"(matches of)", r.name(), null, null, "one row per event of " + r.name()
                        + " and search it matches (SHOW SEARCHES)"});
            }
        }
        return rows;
    }

    /** The rows of SHOW SEARCHES ({@link CatalogRows#SEARCHES}), in creation order. */
    List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        for (SearchDef d : engine.catalogStore().searches()) {
            String path;
            try {
                RelationDef stream = relation(d.stream());
                SearchIndex index = new SearchIndex(List.of(planned(d)),
                        stream.fullRow(), -1, -1, e -> null, true);
                path = index.pathCounts().keySet().stream().collect(Collectors.joining(", "));
                if (path.isEmpty()) {
                    path = "never";
                }
            } catch (RunnelSqlException e) {
                path = "invalid: " + e.detail();
            }
            rows.add(new Object[] {d.name(), d.stream(), d.condition(), matchesName(d.stream()), path});
        }
        return rows;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
