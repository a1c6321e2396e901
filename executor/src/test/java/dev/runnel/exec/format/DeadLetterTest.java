package dev.runnel.exec.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
    @Test
    void textRawRoundTripsAsAString() {
        DeadLetter d = new DeadLetter("why", "f.csv:3", "a,\"b\"\n\u00e9".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(d.toJson(), StandardCharsets.UTF_8)).doesNotContain("raw_base64");
        assertThat(DeadLetter.fromJson(d.toJson())).isEqualTo(d);
    }

    @Test
    void bytesThatAreNotUtf8AreKeptExactlyInBase64() {
        DeadLetter d = new DeadLetter("bad utf-8", "t-0@9", new byte[] {'a', (byte) 0xff, 0, 'b'});
        assertThat(new String(d.toJson(), StandardCharsets.UTF_8)).contains("raw_base64");
        assertThat(DeadLetter.fromJson(d.toJson())).isEqualTo(d);
    }

    @Test
    void hugeRawIsCutSoTheEntryFitsOneLogRecord() {
        byte[] raw = new byte[5 * 1024 * 1024];
        Arrays.fill(raw, (byte) 1); // every byte needs a \\u0001 escape
        byte[] json = new DeadLetter("too long", "big.csv:1", raw).toJson();
        assertThat(json.length).isLessThan(1024 * 1024);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"raw_length\":" + raw.length);
        assertThat(DeadLetter.fromJson(json).raw()).hasSize(DeadLetter.MAX_RAW_BYTES);
    }
}
