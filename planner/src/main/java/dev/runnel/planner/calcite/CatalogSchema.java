package dev.runnel.planner.calcite;

import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.InformationSchema;
import dev.runnel.planner.catalog.RelationDef;
import java.util.List;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Builds the Calcite schema for one statement from a catalog snapshot: every relation at the root
 * (payload then metadata columns), and the same relations with payload columns only in the
 * sub-schema {@link #INSERT_TARGETS}, which the INSERT planner points the target at; and the
 * schema {@code information_schema} of {@link SystemTable}s describing the catalog. Relations can
 * also be named as JDBC's metadata names them: {@code runnel.bids} and {@code runnel.runnel.bids}
 * ({@code runnel.information_schema.tables} likewise). Stateless.
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
        // JDBC names relations as catalog runnel, schema runnel: tools that qualify names get them too
        CalciteSchema catalogLevel = root.add(InformationSchema.CATALOG, new AbstractSchema());
        CalciteSchema schemaLevel = catalogLevel.add(InformationSchema.SCHEMA, new AbstractSchema());
        for (RelationDef r : catalog.all()) {
            catalogLevel.add(r.name(), new RelationTable(r, false));
            schemaLevel.add(r.name(), new RelationTable(r, false));
        }
        for (CalciteSchema parent : List.of(root, catalogLevel)) {
            CalciteSchema info = parent.add(InformationSchema.NAME, new AbstractSchema());
            for (InformationSchema.Table t : InformationSchema.ALL) {
                info.add(t.name(), new SystemTable(t, catalog));
            }
        }
        return root;
    }

    /** The qualified name an INSERT's target identifier is rewritten to. */
    public static List<String> insertTargetName(String relationName) {
        return List.of(INSERT_TARGETS, relationName);
    }
}
