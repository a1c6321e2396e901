package dev.runnel.exec.expr.fn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeFunctionsFormatTest {
    @Test
    void formatsAsTheZonedTimeInUtcDoes() {
        SplittableRandom random = new SplittableRandom(3);
        for (String pattern : new String[] {"yyyy-MM-dd", "HH:mm", "yyyy-MM-dd HH:mm:ss.SSS", "EEE d MMM uuuu",
                "yyyy-MM-dd'T'HH:mm:ssXXX", "HH:mm z", "D w"}) {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            for (int i = 0; i < 200; i++) {
                long millis = random.nextLong(-5_000_000_000_000L, 5_000_000_000_000L);
                String zoned;
                try {
                    zoned = f.format(Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC));
                } catch (DateTimeException e) {
                    continue;
                }
                assertThat(TimeFunctions.format(f, millis)).as(pattern + " at " + millis).isEqualTo(zoned);
            }
        }
    }
}
