package dev.runnel.planner.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanStartTest {

    @Test
    void readsEachForm() {
        assertThat(ScanStart.parse("Earliest")).contains(ScanStart.EARLIEST);
        assertThat(ScanStart.parse(" latest ")).contains(ScanStart.LATEST);
        assertThat(ScanStart.parse("timestamp:2024-01-01 00:00:01").orElseThrow().timestamp()).isEqualTo(1704067201000L);
        assertThat(ScanStart.parse("timestamp:2024-01-01 00:00:01.5").orElseThrow().timestamp()).isEqualTo(1704067201500L);
        assertThat(ScanStart.parse("offsets:0=5, 1=7").orElseThrow().offsets()).isEqualTo(Map.of(0, 5L, 1, 7L));
    }

    @Test
    void refusesTheRest() {
        for (String bad : new String[] {"", "first", "timestamp:yesterday", "offsets:", "offsets:0=-1", "offsets:0=1,0=2",
            "offsets:x=1"}) {
            assertThat(ScanStart.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void textRoundTrips() {
        for (String s : new String[] {"earliest", "latest", "timestamp:2024-01-01 00:00:00.25", "offsets:0=5,1=7"}) {
            assertThat(ScanStart.parse(s).orElseThrow().toString()).isEqualTo(s);
        }
    }
}
