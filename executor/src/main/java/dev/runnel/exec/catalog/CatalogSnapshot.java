package dev.runnel.exec.catalog;

import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.RelationDef;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalog at one moment: what a statement plans against, unchanged by DDL that runs while it
 * does. Lookup ignores case; names keep the case they were written in. Every change makes a
 * snapshot with a higher {@link #version()}, so a plan made against one snapshot is known stale
 * once the version moves. Immutable and thread-safe.
 */
public final class CatalogSnapshot implements CatalogView {
    static final CatalogSnapshot EMPTY = new CatalogSnapshot(new TreeMap<>(), 0);

    private final Map<String, RelationDef> byLowerName;
    private final long version;

    private CatalogSnapshot(TreeMap<String, RelationDef> byLowerName, long version) {
        this.byLowerName = Collections.unmodifiableMap(byLowerName);
        this.version = version;
    }

    /** Grows by one with every change (create, drop, replay) since the empty catalog. */
    public long version() {
        return version;
    }

    @Override
    public Optional<RelationDef> find(String name) {
        return Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Every relation, ordered by lower-case name. */
    @Override
    public Collection<RelationDef> all() {
        return byLowerName.values();
    }

    /** The relation that stores its rows in {@code topic}, if any. */
    public Optional<RelationDef> findByTopic(String topic) {
        return byLowerName.values().stream().filter(r -> r.storage().topic().equals(topic)).findFirst();
    }

    CatalogSnapshot with(RelationDef r) {
        TreeMap<String, RelationDef> m = new TreeMap<>(byLowerName);
        m.put(r.name().toLowerCase(Locale.ROOT), r);
        return new CatalogSnapshot(m, version + 1);
    }

    CatalogSnapshot without(String name) {
        TreeMap<String, RelationDef> m = new TreeMap<>(byLowerName);
        m.remove(name.toLowerCase(Locale.ROOT));
        return new CatalogSnapshot(m, version + 1);
    }

    @Override
    public String toString() {
        return "CatalogSnapshot" + byLowerName.keySet();
    }
}
