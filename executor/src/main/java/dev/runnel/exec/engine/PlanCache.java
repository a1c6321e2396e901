package dev.runnel.exec.engine;

import dev.runnel.exec.view.ViewLookup;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.sql.statement.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A session's planned queries by statement text, so a prepared or repeated query is parsed and
 * planned once rather than on every execution (planning is most of a point lookup's time).
 * An entry holds for the catalog version and the session's settings version it was planned
 * under: any DDL or SET makes it stale, and the next execution plans again. Parameters are bound
 * when the plan runs, so one plan with {@code ?} serves every execution; a point lookup on a view
 * keeps its {@link ViewLookup} too, so it is found once. Only queries are kept;
 * at most {@value #CAPACITY}, least recently used dropped first. Not thread-safe (one per session).
 */
final class PlanCache {
    static final int CAPACITY = 256;

    /** @param lookup the query as a point lookup on a view ({@link ViewLookup#of}), or null */
    record Entry(Statement stmt, PlannedStatement.Query query, ViewLookup lookup, long catalogVersion,
            long settingsVersion) {}

    private final Map<String, Entry> bySql = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The plan of {@code sql} made under these versions, or null (a stale one is dropped). */
    Entry get(String sql, long catalogVersion, long settingsVersion) {
        Entry e = bySql.get(sql);
        if (e == null) {
            return null;
        }
        if (e.catalogVersion() != catalogVersion || e.settingsVersion() != settingsVersion) {
            bySql.remove(sql);
            return null;
        }
        return e;
    }

    void put(String sql, long catalogVersion, long settingsVersion, Statement stmt, PlannedStatement.Query query) {
        bySql.put(sql, new Entry(stmt, query, lookupOf(query), catalogVersion, settingsVersion));
    }

    /** {@code query} as a point lookup on a view, or null. */
    static ViewLookup lookupOf(PlannedStatement.Query query) {
        return query.stream() ? null : ViewLookup.of(query.root()).orElse(null);
    }

    int size() {
        return bySql.size();
    }
}
