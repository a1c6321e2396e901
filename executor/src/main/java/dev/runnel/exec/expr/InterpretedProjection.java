package dev.runnel.exec.expr;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.planner.expr.Expr;
import java.time.Clock;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A {@link CompiledProjection} that interprets its expressions row by row: the fallback when compilation fails. Single-threaded. */
public final class InterpretedProjection implements CompiledProjection {
    private final List<Expr> exprs;
    private final ExprInterpreter interpreter;
    private final Clock clock;
    private final int[] columns;

    public InterpretedProjection(List<Expr> exprs, List<Object> parameters, Clock clock) {
        this.exprs = List.copyOf(exprs);
        this.interpreter = new ExprInterpreter(parameters, clock.millis());
        this.clock = clock;
        this.columns = InputColumns.of(exprs);
    }

    @Override
    public void project(VectorSchemaRoot input, int[] selection, int from, int to, FieldVector[] outputs) {
        interpreter.setNow(clock.millis());
        int count = to - from;
        for (FieldVector out : outputs) {
            Vectors.allocate(out, count);
        }
        Object[] row = new Object[input.getFieldVectors().size()];
        for (int k = from; k < to; k++) {
            int i = selection == null ? k : selection[k];
            for (int c : columns) {
                row[c] = Vectors.get(input.getVector(c), i);
            }
            for (int e = 0; e < exprs.size(); e++) {
                Vectors.set(outputs[e], k - from, interpreter.evaluate(exprs.get(e), row));
            }
        }
        for (FieldVector out : outputs) {
            out.setValueCount(count);
        }
    }
}
