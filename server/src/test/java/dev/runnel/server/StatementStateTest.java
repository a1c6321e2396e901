package dev.runnel.server;

import static dev.runnel.server.ScriptedEngine.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.junit.jupiter.api.Test;

/** Frames of a statement's result as the server hands them out. */
class StatementStateTest {
    private static final List<dev.runnel.planner.catalog.Column> X = List.of(col("x", DataType.of(TypeKind.BIGINT)));

    private static StatementState state() {
        return new StatementState(new Meta.StatementHandle("c", 1, null));
    }

    @Test
    void aSmallBoundedResultArrivesInOneFrameThatSaysItIsTheLast() {
        StatementState st = state();
        st.beginExecution(-1);
        st.acceptRows(ScriptedEngine.rows(X, List.<Object[]>of(new Object[] {1L})));
        Meta.Frame f = st.fetch(100);
        assertThat(f.rows).hasSize(1);
        assertThat(f.done).isTrue(); // a point lookup costs the client one round trip, not two
    }

    @Test
    void aLargerBoundedResultFillsEachFrame() {
        StatementState st = state();
        st.beginExecution(-1);
        List<Object[]> rows = new java.util.ArrayList<>();
        for (long i = 0; i < 250; i++) {
            rows.add(new Object[] {i});
        }
        st.acceptRows(ScriptedEngine.rows(X, rows));
        Meta.Frame a = st.fetch(100);
        Meta.Frame b = st.fetch(100);
        Meta.Frame c = st.fetch(100);
        assertThat(List.of(a.done, b.done, c.done)).containsExactly(false, false, true);
        assertThat(c.offset).isEqualTo(200);
        assertThat(c.rows).hasSize(50);
    }

    @Test
    void aPushQuerysFrameHoldsWhatIsThereAndIsNeverTheLast() {
        StatementState st = state();
        st.beginExecution(-1);
        ScriptedEngine.QueueRows push = ScriptedEngine.push(X);
        st.acceptRows(push);
        push.push(1L);
        Meta.Frame f = st.fetch(100, 50);
        assertThat(f.rows).hasSize(1);
        assertThat(f.done).isFalse();
        Meta.Frame quiet = st.fetch(100, 50);
        assertThat(quiet.rows).isEmpty();
        assertThat(quiet.done).isFalse();
    }
}
