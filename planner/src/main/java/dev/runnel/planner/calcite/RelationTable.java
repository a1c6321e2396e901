package dev.runnel.planner.calcite;

import dev.runnel.planner.catalog.RelationDef;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TemporalTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A catalog relation as Calcite sees it. Queries see the payload columns then the metadata
 * columns ({@link RelationDef#fullRow()}); an INSERT target sees only the payload columns, which
 * are all an INSERT may write. Never scanned by Calcite: the planner turns its scans into
 * Runnel's {@code ScanNode}. Immutable.
 */
public final class RelationTable extends AbstractTable implements TemporalTable {
    private final RelationDef relation;
    private final boolean payloadOnly;

    public RelationTable(RelationDef relation, boolean payloadOnly) {
        this.relation = relation;
        this.payloadOnly = payloadOnly;
    }

    public RelationDef relation() {
        return relation;
    }

    /** True for the INSERT-target view of the relation (payload columns only). */
    public boolean payloadOnly() {
        return payloadOnly;
    }

    /**
     * Every relation passes Calcite's check for {@code FOR SYSTEM_TIME AS OF}, so that the planner
     * can say itself, with the reason, which ones a temporal join may read (a TABLE).
     */
    @Override
    public String getSysStartFieldName() {
        return "_valid_from";
    }

    @Override
    public String getSysEndFieldName() {
        return "_valid_to";
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return TypeMapping.toRowType(typeFactory, payloadOnly ? relation.columns() : relation.fullRow());
    }
}
