package dev.runnel.planner.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void numbersWithUnitsParse() {
        assertThat(Durations.parseMillis("7 days")).hasValue(7 * 86_400_000L);
        assertThat(Durations.parseMillis("1 h")).hasValue(3_600_000L);
        assertThat(Durations.parseMillis("30min")).hasValue(1_800_000L);
        assertThat(Durations.parseMillis(" 5 S ")).hasValue(5_000L);
        assertThat(Durations.parseMillis("250 ms")).hasValue(250L);
        assertThat(Durations.parseMillis("2 weeks")).hasValue(14 * 86_400_000L);
    }

    @Test
    void otherTextDoesNot() {
        assertThat(Durations.parseMillis("7")).isEmpty();
        assertThat(Durations.parseMillis("days")).isEmpty();
        assertThat(Durations.parseMillis("1.5 h")).isEmpty();
        assertThat(Durations.parseMillis("-1 s")).isEmpty();
        assertThat(Durations.parseMillis("5 fortnights")).isEmpty();
        assertThat(Durations.parseMillis("999999999999999999 weeks")).isEmpty();
        assertThat(Durations.parseMillis(null)).isEmpty();
    }
}
