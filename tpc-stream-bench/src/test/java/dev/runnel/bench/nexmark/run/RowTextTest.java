package dev.runnel.bench.nexmark.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** One text per value, whichever engine's Java type it arrives in. */
class RowTextTest {
    @Test
    void formatsEveryTypeAsTheFlinkOracleDoes() {
        long millis = 1_704_067_200_005L; // 2024-01-01 00:00:00.005 UTC
        assertThat(RowText.format(new Object[] {1L, "a,b", null, millis, new BigDecimal("90.800"), 1.5, true},
                new boolean[] {false, false, false, true, false, false, false}))
                .isEqualTo("1,\"a,b\",NULL,2024-01-01 00:00:00.005,90.800,1.5,true");
        assertThat(RowText.format(new Object[] {LocalDateTime.of(2024, 1, 1, 0, 0, 10),
            Instant.ofEpochMilli(millis), "say \"hi\""}, null))
                .isEqualTo("2024-01-01 00:00:10.000,2024-01-01 00:00:00.005,\"say \"\"hi\"\"\"");
    }

    @Test
    void aLongIsANumberUnlessItsColumnIsATimestamp() {
        assertThat(RowText.format(new Object[] {1_704_067_200_000L}, new boolean[] {false})).isEqualTo("1704067200000");
        assertThat(RowText.format(new Object[] {-1L}, new boolean[] {true})).isEqualTo("1969-12-31 23:59:59.999");
    }
}
