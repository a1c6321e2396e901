package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryProgressTest {
    @Test
    void theLineSaysRowsReadOfHowManyAndTheTime() {
        assertThat(QueryProgress.line(12_400_000, 20_000_000, 3_100_000_000L))
                .isEqualTo("reading 12.4 M of 20.0 M rows (62%), 3.1 s (Ctrl-C cancels)");
        assertThat(QueryProgress.line(512, 0, 1_000_000_000L)).isEqualTo("reading 512 rows, 1.0 s (Ctrl-C cancels)");
        // rows appended while the query runs never make it more than 100%
        assertThat(QueryProgress.line(25_000, 20_000, 2_000_000_000L))
                .isEqualTo("reading 25.0 K of 25.0 K rows (100%), 2.0 s (Ctrl-C cancels)");
    }
}
