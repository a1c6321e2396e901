package dev.runnel.planner.translate;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.physical.RowSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/** Small helpers over Runnel expressions used by the translators. Stateless and thread-safe. */
public final class Exprs {
    private Exprs() {}

    /** The same expression with every input column index {@code i} replaced by {@code mapping(i)}. */
    public static Expr remap(Expr e, IntUnaryOperator mapping) {
        if (e instanceof InputRef ref) {
            return new InputRef(mapping.applyAsInt(ref.index()), ref.type());
        }
        if (e instanceof Call call) {
            List<Expr> operands = new ArrayList<>(call.operands().size());
            for (Expr o : call.operands()) {
                operands.add(remap(o, mapping));
            }
            return new Call(call.op(), operands, call.type());
        }
        return e; // Literal, DynamicParam
    }

    /** The same expression with every input column {@code i} replaced by {@code inputs.get(i)}. */
    public static Expr substitute(Expr e, List<Expr> inputs) {
        if (e instanceof InputRef ref) {
            return inputs.get(ref.index());
        }
        if (e instanceof Call call) {
            List<Expr> operands = new ArrayList<>(call.operands().size());
            for (Expr o : call.operands()) {
                operands.add(substitute(o, inputs));
            }
            return new Call(call.op(), operands, call.type());
        }
        return e;
    }

    /** Calls {@code action} for every input column reference in {@code e}. */
    public static void forEachInputRef(Expr e, java.util.function.Consumer<InputRef> action) {
        if (e instanceof InputRef ref) {
            action.accept(ref);
        } else if (e instanceof Call call) {
            call.operands().forEach(o -> forEachInputRef(o, action));
        }
    }

    /** One {@link InputRef} per column of a schema, in order. */
    public static List<Expr> refsTo(RowSchema schema) {
        List<Expr> refs = new ArrayList<>(schema.size());
        for (int i = 0; i < schema.size(); i++) {
            refs.add(new InputRef(i, schema.get(i).type()));
        }
        return refs;
    }

    /** A schema with the given names and the expressions' types. */
    public static RowSchema schemaOf(List<String> names, List<Expr> exprs) {
        List<Column> columns = new ArrayList<>(exprs.size());
        for (int i = 0; i < exprs.size(); i++) {
            columns.add(new Column(names.get(i), exprs.get(i).type()));
        }
        return new RowSchema(columns);
    }

    /** True when the expressions are exactly column 0, 1, ..., n-1 of an n-column input. */
    public static boolean isIdentity(List<Expr> exprs, int inputWidth) {
        if (exprs.size() != inputWidth) {
            return false;
        }
        for (int i = 0; i < exprs.size(); i++) {
            if (!(exprs.get(i) instanceof InputRef ref) || ref.index() != i) {
                return false;
            }
        }
        return true;
    }
}
