package dev.runnel.exec.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A record or input row that could not be decoded, kept with why and where, never lost.
 *
 * <h2>Dead-letter record layout</h2>
 * A dead-letter topic ({@code <topic>.dlq} unless the relation names another) holds one record
 * per entry: null key, producer time as timestamp, and as value the UTF-8 JSON object
 * <pre>
 * {"reason": "column 'price': 'abc' is not a whole number",
 *  "source": "bids.csv:17"            (file:line, or topic-partition@offset),
 *  "raw":    "the row's text",         (UTF-8; invalid bytes replaced)
 *  "raw_base64": "...",                (only when raw is not valid UTF-8: the exact bytes)
 *  "raw_length": 9000000}              (only when raw was cut to its first {@value #MAX_RAW_BYTES} bytes)
 * </pre>
 * Raw bytes are capped so an entry always fits a log record (1 MiB by default) even when every
 * byte needs escaping.
 * Immutable by convention (the raw array is not copied).
 */
public record DeadLetter(String reason, String source, byte[] raw) {
    private static final JsonFactory JSON = new JsonFactory();
    /** Raw bytes kept in a dead-letter record at most. */
    public static final int MAX_RAW_BYTES = 128 * 1024;

    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        raw = raw == null ? new byte[0] : raw;
    }

    /** The record value stored in a dead-letter topic. */
    public byte[] toJson() {
        int keep = raw.length;
        if (keep > MAX_RAW_BYTES) {
            keep = MAX_RAW_BYTES;
            while (keep > 0 && (raw[keep] & 0xc0) == 0x80) {
                keep--; // do not cut a UTF-8 sequence in two
            }
        }
        byte[] kept = keep == raw.length ? raw : java.util.Arrays.copyOf(raw, keep);
        ByteArrayOutputStream out = new ByteArrayOutputStream(keep + reason.length() + 64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("reason", reason);
            g.writeStringField("source", source);
            g.writeStringField("raw", new String(kept, StandardCharsets.UTF_8));
            if (!Utf8.isValid(kept, 0, kept.length)) {
                g.writeStringField("raw_base64", Base64.getEncoder().encodeToString(kept));
            }
            if (kept != raw) {
                g.writeNumberField("raw_length", raw.length);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads a dead-letter record value back. */
    public static DeadLetter fromJson(byte[] value) {
        String reason = null;
        String source = null;
        byte[] raw = null;
        byte[] exact = null;
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a dead-letter value is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "reason" -> reason = p.getText();
                    case "source" -> source = p.getText();
                    case "raw" -> raw = p.getText().getBytes(StandardCharsets.UTF_8);
                    case "raw_base64" -> exact = Base64.getDecoder().decode(p.getText());
                    case "raw_length" -> { } // the entry holds the first bytes only
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a dead-letter value: " + e.getMessage(), e);
        }
        return new DeadLetter(reason == null ? "" : reason, source == null ? "" : source, exact != null ? exact : raw);
    }

    public String rawText() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && reason.equals(d.reason) && source.equals(d.source)
                && java.util.Arrays.equals(raw, d.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, source, java.util.Arrays.hashCode(raw));
    }

    @Override
    public String toString() {
        return "DeadLetter[" + source + ": " + reason + " | " + TextValues.shorten(rawText()) + "]";
    }
}
