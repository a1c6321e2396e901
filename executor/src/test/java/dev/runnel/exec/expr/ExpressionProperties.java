package dev.runnel.exec.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.testing.ExprHarness;
import dev.runnel.planner.expr.Expr;
import dev.runnel.sql.RunnelSqlException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Compiled code and the interpreter agree on random well-typed expressions over random rows with
 * NULLs: same values (bit for bit), or the same SQL error.
 */
class ExpressionProperties {
    private final ExprHarness harness = new ExprHarness();

    @AfterProperty
    void close() {
        harness.close();
    }

    @Property(tries = 300)
    void compiledProjectionEqualsInterpreter(@ForAll long seed) {
        RandomExprs gen = new RandomExprs(seed);
        Expr e = gen.expr(gen.anyType(), 4);
        List<List<Object>> rows = gen.rows(1 + (int) Math.floorMod(seed, 40));
        Outcome expected = outcome(() -> harness.interpret(e, rows));
        Outcome actual = outcome(() -> {
            List<Object> out = new ArrayList<>();
            for (List<Object> r : harness.project(List.of(e), RandomExprs.SCHEMA, rows)) {
                out.add(r.get(0));
            }
            return out;
        });
        assertThat(actual).as("expression %s over %s", e, rows).isEqualTo(expected);
        assertThat(harness.compiler().stats().fallbacks()).as("compilation fell back for %s", e).isZero();
    }

    @Property(tries = 200)
    void compiledFilterKeepsTheRowsTheInterpreterFindsTrue(@ForAll long seed) {
        RandomExprs gen = new RandomExprs(seed);
        Expr e = gen.expr(RandomExprs.BOOLEAN, 4);
        List<List<Object>> rows = gen.rows(1 + (int) Math.floorMod(seed, 40));
        Outcome expected = outcome(() -> {
            List<Object> keep = new ArrayList<>();
            List<Object> values = harness.interpret(e, rows);
            for (int i = 0; i < values.size(); i++) {
                if (Boolean.TRUE.equals(values.get(i))) {
                    keep.add(i);
                }
            }
            return keep;
        });
        Outcome actual = outcome(() -> new ArrayList<>(harness.filter(e, RandomExprs.SCHEMA, rows)));
        assertThat(actual).as("condition %s over %s", e, rows).isEqualTo(expected);
        assertThat(harness.compiler().stats().fallbacks()).as("compilation fell back for %s", e).isZero();
    }

    /** Values, or the SQLSTATE and message of the error. */
    record Outcome(List<Object> values, String error) {}

    interface Run {
        List<Object> get();
    }

    private static Outcome outcome(Run run) {
        try {
            return new Outcome(run.get(), null);
        } catch (RunnelSqlException e) {
            return new Outcome(null, e.sqlState() + " " + e.getMessage());
        }
    }
}
