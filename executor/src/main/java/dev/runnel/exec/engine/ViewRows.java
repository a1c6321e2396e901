package dev.runnel.exec.engine;

import dev.runnel.exec.engine.RunningView;
import dev.runnel.exec.plan.PipelineMetrics;
import dev.runnel.planner.catalog.RelationDef;
import java.util.ArrayList;
import java.util.List;

/** The rows SHOW MATERIALIZED VIEWS and DESCRIBE give about running views. Stateless. */
final class ViewRows {
    private ViewRows() {}

    /** The rows of SHOW MATERIALIZED VIEWS (see {@link CatalogRows#VIEWS}). */
    static List<Object[]> rows(Views views, RunnelEngine engine) {
        List<Object[]> rows = new ArrayList<>();
        for (RunningView v : views.all()) {
            PipelineMetrics m = v.pipeline == null ? null : v.pipeline.metrics();
            long lag = "RUNNING".equals(v.state) ? views.lag(v) : -1;
            List<Object> row = new ArrayList<>(List.of(v.def.name(), keyText(v.def), v.def.columns().size(), v.state));
            row.add(v.reason);
            row.add(v.table.rowCount());
            row.add(lag < 0 ? null : lag);
            row.add(v.changesApplied);
            row.add(m == null ? 0L : m.stateBytes() + v.table.retainedBytes());
            row.add(String.join(", ", v.reads));
            row.addAll(v.checkpoints.showColumns(engine.config().clock().millis()));
            rows.add(row.toArray());
        }
        return rows;
    }

    /**
     * DESCRIBE's extra lines for view {@code name}: {@code (state)} (running or not, rows, changes,
     * state bytes, lag) and {@code (checkpoint)} (number, age, size, pause; or why there is none).
     */
    static List<Object[]> describeRows(Views views, RunnelEngine engine, String name) {
        RunningView v = views.find(name);
        if (v == null) {
            return List.of();
        }
        PipelineMetrics m = v.pipeline == null ? null : v.pipeline.metrics();
        long lag = "RUNNING".equals(v.state) ? views.lag(v) : -1;
        String state = v.table.rowCount() + " rows, " + v.changesApplied + " changes applied, "
                + ((m == null ? 0L : m.stateBytes()) + v.table.retainedBytes()) + " bytes of state"
                + (lag < 0 ? "" : ", " + lag + " records behind its inputs")
                + (v.reason == null ? "" : "; " + v.reason);
        List<Object> c = v.checkpoints.showColumns(engine.config().clock().millis());
        String checkpoint;
        if (c.get(0) != null) {
            checkpoint = "taken " + c.get(1) + " ms ago" + (c.get(2) == null ? "" : ", " + c.get(2) + " bytes, "
                    + c.get(3) + " ms pause") + (c.get(4) == null ? "" : "; restored from checkpoint " + c.get(4));
        } else if (!v.checkpoints.enabled()) {
            checkpoint = "not checkpointed: it reads materialized views and rebuilds from their contents";
        } else {
            checkpoint = "none yet";
        }
        return List.of(new Object[] {"(state)", v.state, null, null, state},
                new Object[] {"(checkpoint)", c.get(0) == null ? null : c.get(0).toString(), null, null, checkpoint});
    }

    static String keyText(RelationDef def) {
        if (def.primaryKey().isEmpty()) {
            return "(whole row)";
        }
        List<String> names = new ArrayList<>();
        def.primaryKey().forEach(k -> names.add(def.columns().get(k).name()));
        return String.join(", ", names);
    }
}
