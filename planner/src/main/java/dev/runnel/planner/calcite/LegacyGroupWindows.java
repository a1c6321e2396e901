package dev.runnel.planner.calcite;

import dev.runnel.planner.error.PositionedQueryError;
import dev.runnel.planner.error.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlGroupedWindowFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidatorImpl;

/**
 * The legacy group-window form, {@code GROUP BY TUMBLE(ts, size) | HOP(ts, slide, size) |
 * SESSION(ts, gap), keys...} with {@code TUMBLE_START/END}, {@code HOP_START/END},
 * {@code SESSION_START/END} in the SELECT list, on the SQL side:
 *
 * <ul>
 *   <li>{@link #rewriteEnds} (before validation): {@code x_END(args)} becomes
 *       {@code $WINDOW_END(x_START(args))} ({@link RunnelFunctions#WINDOW_END}), because Calcite
 *       converts SESSION_END to the same expression as SESSION_START;</li>
 *   <li>{@link #check} of a GROUP BY, before Calcite validates it (the FROM clause is validated):
 *       one window at most, the operands Runnel supports, positive interval literals, a HOP size a
 *       multiple of its slide, and an event-time attribute as the time column ({@link WindowChecks}).</li>
 * </ul>
 *
 * {@code GroupWindowRewriter} then turns the converted plan into the window table function form.
 * Stateless.
 */
public final class LegacyGroupWindows {
    private static final Map<String, SqlFunction> START_OF_END = Map.of(
            "TUMBLE_END", SqlStdOperatorTable.TUMBLE_START,
            "HOP_END", SqlStdOperatorTable.HOP_START,
            "SESSION_END", SqlStdOperatorTable.SESSION_START);

    private LegacyGroupWindows() {}

    /** Rewrites every {@code x_END(args)} in place to {@code $WINDOW_END(x_START(args))}. */
    public static void rewriteEnds(SqlNode node) {
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                List<SqlNode> operands = call.getOperandList();
                for (int i = 0; i < operands.size(); i++) {
                    SqlNode o = operands.get(i);
                    if (isEnd(o)) {
                        try {
                            call.setOperand(i, endOf((SqlCall) o));
                        } catch (UnsupportedOperationException notSettable) {
                            // a call shape that cannot hold a window end anyway; validation reports it
                        }
                    }
                }
                return super.visit(call);
            }

            @Override
            public Void visit(SqlNodeList list) {
                for (int i = 0; i < list.size(); i++) {
                    if (isEnd(list.get(i))) {
                        list.set(i, endOf((SqlCall) list.get(i)));
                    }
                }
                return super.visit(list);
            }
        });
    }

    private static boolean isEnd(SqlNode node) {
        return node instanceof SqlCall call && call.getOperator() instanceof SqlFunction
                && START_OF_END.containsKey(call.getOperator().getName().toUpperCase(Locale.ROOT));
    }

    private static SqlCall endOf(SqlCall end) {
        SqlFunction start = START_OF_END.get(end.getOperator().getName().toUpperCase(Locale.ROOT));
        SqlCall startCall = start.createCall(end.getParserPosition(), end.getOperandList());
        return RunnelFunctions.WINDOW_END.createCall(end.getParserPosition(), startCall);
    }

    /** The group-window calls ({@code $TUMBLE}, {@code $HOP}, {@code $SESSION}) among a GROUP BY's items. */
    static List<SqlCall> windows(SqlSelect select) {
        List<SqlCall> out = new ArrayList<>();
        SqlNodeList group = select.getGroup();
        if (group != null) {
            for (SqlNode item : group) {
                if (item instanceof SqlCall call && call.getOperator() instanceof SqlGroupedWindowFunction f
                        && f.isGroup()) {
                    out.add(call);
                }
            }
        }
        return out;
    }

    /** Checks a GROUP BY's window: one at most, its operand count, intervals and time column. */
    static void check(SqlValidatorImpl v, SqlSelect select) {
        List<SqlCall> windows = windows(select);
        if (windows.size() > 1) {
            throw new PositionedQueryError(SqlState.NOT_SUPPORTED, "GROUP BY with more than one window is not"
                    + " supported yet", windows.get(1).getParserPosition());
        }
        for (SqlCall w : windows) {
            String name = w.getOperator().getName().replace("$", "");
            int n = w.operandCount();
            int expected = w.getKind() == SqlKind.HOP ? 3 : 2;
            String usage = switch (w.getKind()) {
                case HOP -> "HOP(ts, slide, size)";
                case SESSION -> "SESSION(ts, gap)";
                default -> "TUMBLE(ts, size)";
            };
            if (n < expected) {
                String missing = switch (w.getKind()) {
                    case HOP -> "a slide and a size";
                    case SESSION -> "a gap";
                    default -> "a size";
                };
                throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, name + " needs " + missing + ": GROUP BY "
                        + usage, w.getParserPosition());
            }
            if (n > expected) {
                throw new PositionedQueryError(SqlState.NOT_SUPPORTED, "the alignment time argument of " + name
                        + " is not supported yet: GROUP BY " + usage, w.operand(expected).getParserPosition());
            }
            if (w.getKind() == SqlKind.HOP) {
                long slide = WindowChecks.positive(w.operand(1), "slide", name);
                long size = WindowChecks.positive(w.operand(2), "size", name);
                WindowChecks.multiple(w.operand(2), size, slide, "slide", name);
            } else {
                WindowChecks.positive(w.operand(1), w.getKind() == SqlKind.SESSION ? "gap" : "size", name);
            }
            SqlNode time = w.operand(0);
            TimeAttributes.Origin origin = TimeAttributes.of(v, v.getSelectScope(select), time);
            String column = time instanceof SqlIdentifier id ? id.names.get(id.names.size() - 1) : time.toString();
            WindowChecks.requireEventTime(origin, column, time.getParserPosition());
            WindowChecks.checkRouteTarget(origin.relation().orElseThrow(), v.getCatalogReader(),
                    w.getParserPosition());
        }
    }
}
