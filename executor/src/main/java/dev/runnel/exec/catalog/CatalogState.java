package dev.runnel.exec.catalog;

import dev.runnel.log.TopicPartition;
import dev.runnel.sql.RunnelSqlException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog in memory as the events of {@code __catalog} make it, applied one at a time in topic
 * order ({@link #apply}). The topic is the serialization point of the processes of a cluster, so the
 * rule that settles two processes creating one name at once lives here: <b>the first event wins</b>.
 * A {@code create} of a relation that exists, a new job or search whose name is taken, a drop of
 * what is not there: each changes nothing, and {@link #apply} says so, which is how the process
 * that wrote it learns that it lost (it then writes the winner's event again, so compaction, which
 * keeps the last record per key, keeps the winner). Not thread-safe: {@link CatalogStore} holds its
 * lock around every call; the maps it hands out are immutable.
 */
final class CatalogState {
    CatalogSnapshot snapshot = CatalogSnapshot.EMPTY;
    /** Relations whose drop event was read but not their tombstone yet: lower-case name → topics to delete. */
    final Map<String, List<String>> dropping = new LinkedHashMap<>();
    /** Persistent jobs by lower-case name, in creation order; replaced whole on change. */
    Map<String, JobDef> jobs = Map.of();
    /** Standing searches by lower-case name, in creation order; replaced whole on change. */
    Map<String, SearchDef> searches = Map.of();

    /**
     * Applies the event at {@code offset} ({@code value} null: a tombstone); returns whether it
     * changed anything. An event that cannot be read fails with 58000 naming its offset.
     */
    boolean apply(TopicPartition tp, long offset, byte[] keyBytes, byte[] value) {
        String key = new String(keyBytes, StandardCharsets.UTF_8);
        if (key.startsWith(CatalogEvents.SEARCH_KEY_PREFIX)) {
            String name = key.substring(CatalogEvents.SEARCH_KEY_PREFIX.length());
            if (value == null) {
                return searches.containsKey(name) && putSearch(name, null);
            }
            return decode(tp, offset, key, value) instanceof CatalogEvents.Search s && !searches.containsKey(name)
                    && putSearch(name, s.search());
        }
        if (key.startsWith(CatalogEvents.JOB_KEY_PREFIX)) {
            String name = key.substring(CatalogEvents.JOB_KEY_PREFIX.length());
            if (value == null) {
                return jobs.containsKey(name) && putJob(name, null);
            }
            if (!(decode(tp, offset, key, value) instanceof CatalogEvents.Job j)) {
                return false;
            }
            boolean known = jobs.containsKey(name);
            // a new job takes a free name only; a change (STOP JOB) applies to a job that exists
            if (j.isNew().map(isNew -> isNew == known).orElse(false)) {
                return false;
            }
            return !j.job().equals(jobs.get(name)) && putJob(name, j.job());
        }
        if (value == null) {
            boolean had = snapshot.find(key).isPresent() || dropping.containsKey(key);
            dropping.remove(key);
            if (snapshot.find(key).isPresent()) {
                snapshot = snapshot.without(key);
            }
            return had;
        }
        CatalogEvents.Event event = decode(tp, offset, key, value);
        if (event instanceof CatalogEvents.Created created) {
            if (snapshot.find(key).isPresent()) {
                return false;
            }
            snapshot = snapshot.with(created.relation());
            dropping.remove(key);
            return true;
        }
        if (event instanceof CatalogEvents.Dropping d) {
            if (snapshot.find(key).isEmpty()) {
                return false;
            }
            snapshot = snapshot.without(key);
            dropping.put(key, d.topics());
            return true;
        }
        return false;
    }

    private boolean putJob(String name, JobDef def) {
        Map<String, JobDef> m = new LinkedHashMap<>(jobs);
        if (def == null) {
            m.remove(name);
        } else {
            m.put(name, def);
        }
        jobs = Collections.unmodifiableMap(m);
        return true;
    }

    private boolean putSearch(String name, SearchDef def) {
        Map<String, SearchDef> m = new LinkedHashMap<>(searches);
        if (def == null) {
            m.remove(name);
        } else {
            m.put(name, def);
        }
        searches = Collections.unmodifiableMap(m);
        return true;
    }

    private static CatalogEvents.Event decode(TopicPartition tp, long offset, String key, byte[] value) {
        try {
            return CatalogEvents.decode(value);
        } catch (IllegalArgumentException e) {
            throw new RunnelSqlException("58000", "the catalog event at " + tp + "@" + offset + " for '" + key
                    + "' cannot be read: " + e.getMessage(), null, e);
        }
    }
}
