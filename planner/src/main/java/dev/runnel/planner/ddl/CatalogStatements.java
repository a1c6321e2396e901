package dev.runnel.planner.ddl;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.error.DidYouMean;
import dev.runnel.planner.error.SqlState;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.statement.Describe;
import dev.runnel.sql.statement.Drop;
import dev.runnel.sql.statement.ObjectKind;
import dev.runnel.sql.statement.Show;
import java.util.Locale;
import java.util.Optional;

/**
 * Plans the statements that only look up the catalog: DROP (the named relation must exist, unless
 * IF EXISTS, and be of the kind the statement names; a topic that belongs to a relation is dropped
 * with it, not alone), DESCRIBE and SHOW. Stateless.
 */
public final class CatalogStatements {
    private CatalogStatements() {}

    public static PlannedStatement.Drop drop(Drop d, CatalogView catalog) {
        if (d.kind() == ObjectKind.JOB || d.kind() == ObjectKind.SEARCH) {
            return new PlannedStatement.Drop(d.kind(), d.name(), Optional.empty(), d.ifExists(), d.cascade());
        }
        if (d.kind() == ObjectKind.TOPIC) {
            Optional<RelationDef> owner = catalog.all().stream()
                    .filter(r -> r.storage().topic().equalsIgnoreCase(d.name())).findFirst();
            if (owner.isPresent()) {
                RelationDef r = owner.get();
                throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "topic '" + d.name() + "' holds "
                        + CreateRelationPlanner.describe(r.kind()) + " '" + r.name() + "': use DROP " + sql(r.kind())
                        + " " + r.name(), d.pos());
            }
            return new PlannedStatement.Drop(d.kind(), d.name(), Optional.empty(), d.ifExists(), d.cascade());
        }
        RelationKind wanted = switch (d.kind()) {
            case STREAM -> RelationKind.STREAM;
            case TABLE -> RelationKind.TABLE;
            default -> RelationKind.MATERIALIZED_VIEW;
        };
        Optional<RelationDef> found = catalog.find(d.name());
        if (found.isEmpty()) {
            if (d.ifExists()) {
                return new PlannedStatement.Drop(d.kind(), d.name(), Optional.empty(), true, d.cascade());
            }
            throw new RunnelSqlException(SqlState.UNKNOWN_RELATION, "unknown " + sql(wanted).toLowerCase(Locale.ROOT)
                    + " '" + d.name() + "'" + DidYouMean.suffix(d.name(),
                            catalog.all().stream().filter(r -> r.kind() == wanted).map(RelationDef::name).toList()),
                    d.pos());
        }
        RelationDef r = found.get();
        if (r.kind() != wanted) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "'" + r.name() + "' is "
                    + CreateRelationPlanner.describe(r.kind()) + ", not " + CreateRelationPlanner.describe(wanted)
                    + ": use DROP " + sql(r.kind()) + " " + r.name(), d.pos());
        }
        return new PlannedStatement.Drop(d.kind(), r.name(), found, d.ifExists(), d.cascade());
    }

    public static PlannedStatement.Describe describe(Describe d, CatalogView catalog) {
        if (d.topic()) {
            return new PlannedStatement.Describe(d.name(), true, catalog.all().stream()
                    .filter(r -> r.storage().topic().equalsIgnoreCase(d.name())).findFirst());
        }
        RelationDef r = catalog.find(d.name()).orElseThrow(() -> new RunnelSqlException(SqlState.UNKNOWN_RELATION,
                "unknown stream or table '" + d.name() + "'"
                        + DidYouMean.suffix(d.name(), catalog.all().stream().map(RelationDef::name).toList()),
                d.pos()));
        return new PlannedStatement.Describe(r.name(), false, Optional.of(r));
    }

    public static PlannedStatement.Show show(Show s) {
        return new PlannedStatement.Show(s.kind());
    }

    private static String sql(RelationKind kind) {
        return kind == RelationKind.MATERIALIZED_VIEW ? "MATERIALIZED VIEW" : kind.name();
    }
}
