package dev.runnel.planner.calcite;

import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.InformationSchema;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A table of {@code information_schema} as Calcite sees it. Never scanned by Calcite: the planner
 * turns its scans into a {@code ValuesNode} of the rows computed from the statement's catalog
 * snapshot, so the executor needs nothing new. Immutable.
 */
public final class SystemTable extends AbstractTable {
    private final InformationSchema.Table table;
    private final CatalogView catalog;

    public SystemTable(InformationSchema.Table table, CatalogView catalog) {
        this.table = table;
        this.catalog = catalog;
    }

    public InformationSchema.Table table() {
        return table;
    }

    /** The rows, from the snapshot this statement plans against. */
    public List<List<Object>> rows() {
        return table.rows().apply(catalog);
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return TypeMapping.toRowType(typeFactory, table.columns());
    }
}
