package dev.runnel.exec.expr;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.planner.expr.Expr;
import java.time.Clock;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A {@link CompiledFilter} that interprets its condition row by row: the fallback when compilation fails. Single-threaded. */
public final class InterpretedFilter implements CompiledFilter {
    private final Expr condition;
    private final ExprInterpreter interpreter;
    private final Clock clock;
    private final int[] columns;

    public InterpretedFilter(Expr condition, java.util.List<Object> parameters, Clock clock) {
        this.condition = condition;
        this.interpreter = new ExprInterpreter(parameters, clock.millis());
        this.clock = clock;
        this.columns = InputColumns.of(java.util.List.of(condition));
    }

    @Override
    public int filter(VectorSchemaRoot input, int rowCount, int[] selection) {
        interpreter.setNow(clock.millis());
        Object[] row = new Object[input.getFieldVectors().size()];
        int n = 0;
        for (int i = 0; i < rowCount; i++) {
            for (int c : columns) {
                row[c] = Vectors.get(input.getVector(c), i);
            }
            if (Boolean.TRUE.equals(interpreter.evaluate(condition, row))) {
                selection[n++] = i;
            }
        }
        return n;
    }
}
