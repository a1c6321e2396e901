package dev.runnel.planner.catalog;

import java.util.Collection;
import java.util.Optional;

/**
 * Read access to the catalog, as the planner needs it. The executor owns the durable catalog (an
 * event log in an internal compacted topic) and hands the planner a consistent snapshot.
 * Implementations are immutable snapshots or otherwise thread-safe.
 */
public interface CatalogView {
    /** Looks a relation up by name, case-insensitively. */
    Optional<RelationDef> find(String name);

    /** Every relation, in name order. */
    Collection<RelationDef> all();
}
