package dev.runnel.planner.error;

import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.QueryBody;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Gives an {@link UnsupportedOver} raised while translating a plan the script position of the
 * OVER call it is about: the first call of that function with OVER in the query body; and a
 * {@link TemporalJoinError} the position of its {@code FOR SYSTEM_TIME AS OF}. Stateless.
 */
public final class OverPositions {
    private OverPositions() {}

    /** Runs a translation step of {@code body}, positioning the OVER errors it raises. */
    public static <T> T guard(Supplier<T> step, QueryBody body) {
        try {
            return step.get();
        } catch (TemporalJoinError e) {
            SourcePos at = snapshot(body.node(), e.table()).map(body::toScript).orElse(SourcePos.UNKNOWN);
            if (at.equals(SourcePos.UNKNOWN)) {
                throw e;
            }
            throw new RunnelSqlException(e.sqlState(), e.detail(), at, e);
        } catch (UnsupportedOver e) {
            SourcePos at = find(body.node(), e.function()).map(body::toScript).orElse(SourcePos.UNKNOWN);
            if (at.equals(SourcePos.UNKNOWN)) {
                throw e;
            }
            throw new RunnelSqlException(e.sqlState(), e.detail(), at, e);
        }
    }

    /** Where {@code table FOR SYSTEM_TIME AS OF} first appears in {@code node} (any table if none matches). */
    static Optional<SourcePos> snapshot(SqlNode node, String table) {
        SqlParserPos[] found = new SqlParserPos[2];
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.SNAPSHOT) {
                    SqlNode relation = call.operand(0);
                    boolean named = table != null && relation instanceof org.apache.calcite.sql.SqlIdentifier id
                            && id.names.get(id.names.size() - 1).equalsIgnoreCase(table);
                    if (named && found[0] == null) {
                        found[0] = call.getParserPosition();
                    }
                    if (found[1] == null) {
                        found[1] = call.getParserPosition();
                    }
                }
                return super.visit(call);
            }
        });
        SqlParserPos p = found[0] != null ? found[0] : found[1];
        return p == null || p.getLineNum() <= 0 ? Optional.empty()
                : Optional.of(new SourcePos(p.getLineNum(), Math.max(1, p.getColumnNum())));
    }

    /**
     * Where {@code function(...) OVER (...)} first appears in {@code node}, relative to the body's
     * text; else the first OVER call of any function (Calcite rewrites some, SUM into $SUM0 and COUNT).
     */
    static Optional<SourcePos> find(SqlNode node, String function) {
        return first(node, function).or(() -> first(node, null));
    }

    private static Optional<SourcePos> first(SqlNode node, String function) {
        SqlParserPos[] found = new SqlParserPos[1];
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (found[0] != null) {
                    return null;
                }
                if (call.getKind() == SqlKind.OVER && call.operand(0) instanceof SqlCall f
                        && (function == null || f.getOperator().getName().equalsIgnoreCase(function))) {
                    found[0] = f.getParserPosition();
                    return null;
                }
                return super.visit(call);
            }
        });
        SqlParserPos p = found[0];
        return p == null || p.getLineNum() <= 0 ? Optional.empty()
                : Optional.of(new SourcePos(p.getLineNum(), Math.max(1, p.getColumnNum())));
    }
}
