package dev.runnel.sql;

import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineMapTest {

    @Test
    void countsLinesEndedByLineFeedCarriageReturnOrBoth() {
        LineMap lines = new LineMap("ab\ncd\r\nef\rgh");
        assertThat(lines.pos(0)).isEqualTo(pos(1, 1));
        assertThat(lines.pos(2)).isEqualTo(pos(1, 3));
        assertThat(lines.pos(3)).isEqualTo(pos(2, 1));
        assertThat(lines.pos(6)).isEqualTo(pos(2, 4));
        assertThat(lines.pos(7)).isEqualTo(pos(3, 1));
        assertThat(lines.pos(10)).isEqualTo(pos(4, 1));
    }

    @Test
    void positionJustAfterTheTextIsValid() {
        assertThat(new LineMap("ab\n").pos(3)).isEqualTo(pos(2, 1));
        assertThat(new LineMap("").pos(0)).isEqualTo(pos(1, 1));
    }

    @Test
    void tabIsOneColumn() {
        assertThat(new LineMap("\t\tx").pos(2)).isEqualTo(pos(1, 3));
    }
}
