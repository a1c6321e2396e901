package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.BatchSource;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.exec.operator.source.ValuesSource;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.plan.ScanSourceFactory;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.sql.StatementParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** A filter that pins a view's key is a point lookup, with or without a projection over it, never a scan. */
class ViewLookupPlanTest {
    @Test
    void projectedAndPlainKeyFiltersLookUpInsteadOfScanning() {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute("CREATE STREAM b (auction BIGINT, price BIGINT)");
            s.execute("CREATE MATERIALIZED VIEW v AS SELECT auction, COUNT(*) AS n, SUM(price) AS total FROM b"
                    + " GROUP BY auction");
            for (String sql : List.of("SELECT * FROM v WHERE auction = 3", "SELECT total FROM v WHERE auction = 3",
                    "SELECT n + 1 FROM v WHERE auction = ? AND n > 0", "SELECT total FROM v WHERE auction IN (1, 2)")) {
                List<List<List<Object>>> looked = new ArrayList<>();
                ScanSourceFactory scans = new ScanSourceFactory() {
                    @Override
                    public BatchSource create(ScanNode scan, OperatorContext context) {
                        throw new AssertionError("scanned the whole view for: " + sql);
                    }

                    @Override
                    public Optional<BatchSource> lookup(ScanNode scan, List<Integer> keyColumns,
                            List<List<Object>> keys, OperatorContext context) {
                        looked.add(keys);
                        return Optional.of(new ValuesSource(new ValuesNode(List.of(), scan.schema())));
                    }
                };
                PlannedStatement.Query q = (PlannedStatement.Query) new StatementPlanner().plan(
                        new StatementParser().parse(sql), engine.catalog(), Map.of());
                try (RootAllocator allocator = new RootAllocator();
                        Pipeline p = new PlanBuilder(new ExprCompiler(), scans).build(q.root(), new RowCollector(),
                                allocator, List.of(3L), Clock.systemUTC())) {
                    p.run();
                }
                assertThat(looked).as(sql).hasSize(1);
            }
        }
    }
}
