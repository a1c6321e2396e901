package dev.runnel.planner.calcite;

import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.RelationDef;
import java.util.List;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Builds the Calcite schema for one statement from a catalog snapshot: every relation at the root
 * (payload then metadata columns), and the same relations with payload columns only in the
 * sub-schema {@link #INSERT_TARGETS}, which the INSERT planner points the target at. Stateless.
 */
public final class CatalogSchema {
    /** Name of the sub-schema of INSERT targets; not reachable by users, who cannot quote '$' names into it by accident. */
    public static final String INSERT_TARGETS = "runnel$insert_targets";

    private CatalogSchema() {}

    public static CalciteSchema build(CatalogView catalog) {
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        CalciteSchema targets = root.add(INSERT_TARGETS, new AbstractSchema());
        for (RelationDef r : catalog.all()) {
            root.add(r.name(), new RelationTable(r, false));
            targets.add(r.name(), new RelationTable(r, true));
        }
        return root;
    }

    /** The qualified name an INSERT's target identifier is rewritten to. */
    public static List<String> insertTargetName(String relationName) {
        return List.of(INSERT_TARGETS, relationName);
    }
}
