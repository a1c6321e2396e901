package dev.runnel.exec.engine;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.streaming.UniqueKeys;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a job may write an updating result (a changelog): a TABLE keyed like it. Stateless. */
final class UpsertTargets {
    private UpsertTargets() {}

    /**
     * A job whose query has an updating result can write it only into a TABLE whose primary key is
     * the query's unique key: each change then replaces (or, for a retracted row, deletes) the row of
     * its key ({@link LogSink} takes the changelog). A stream takes appended rows only.
     */
    static void check(PlannedStatement.Insert insert, SourcePos pos) {
        RelationDef target = insert.target();
        String what = "the job's query has an updating result (a GROUP BY without a window, a window under"
                + " late = 'update' or a table's changes revise rows it emitted)";
        if (target.kind() != RelationKind.TABLE) {
            throw new RunnelSqlException("0A000", what + ", and " + target.name() + " takes appended rows only;"
                    + " write it into a TABLE keyed like the result, aggregate over a window (TUMBLE, HOP, SESSION,"
                    + " CUMULATE) with late = 'drop' or 'route', or run it as a pull query (INSERT ... SELECT"
                    + " without STREAM)", pos);
        }
        Optional<List<Integer>> key = UniqueKeys.of(insert.source());
        if (key.isEmpty() || !new java.util.HashSet<>(key.get()).equals(new java.util.HashSet<>(target.primaryKey()))) {
            String keyText = key.map(k -> " by (" + k.stream().map(i -> target.columns().get(i).name())
                    .collect(Collectors.joining(", ")) + ")").orElse(" without a unique key");
            throw new RunnelSqlException("0A000", what + keyText + ", but table " + target.name()
                    + " is keyed by (" + target.primaryKey().stream().map(i -> target.columns().get(i).name())
                    .collect(Collectors.joining(", ")) + "); write the result into a table whose primary key is"
                    + " the query's GROUP BY keys, in the same columns", pos);
        }
    }
}
