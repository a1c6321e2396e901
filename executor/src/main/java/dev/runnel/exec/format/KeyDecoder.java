package dev.runnel.exec.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * Reads a record key that {@link KeyEncoder} wrote back into the key columns of a row: one key
 * column, the value's canonical text; several, a JSON array of the values (numbers and booleans
 * bare, the rest as strings of their canonical text). What a continuous scan of a TABLE needs for a
 * tombstone, whose only content is its key. Holds a scratch buffer: one decoder per thread.
 */
public final class KeyDecoder {
    private static final JsonFactory JSON = new JsonFactory();
    private final int[] keyColumns;
    private final boolean array;
    private final ByteBuilder text = new ByteBuilder(64);

    /** @param keyColumns the payload columns the key is made of, in key order */
    public KeyDecoder(List<Integer> keyColumns) {
        this(keyColumns, false);
    }

    /** With {@code array}, every key is a JSON array ({@link KeyEncoder#ARRAY_KEYS}). */
    public KeyDecoder(List<Integer> keyColumns, boolean array) {
        this.keyColumns = keyColumns.stream().mapToInt(Integer::intValue).toArray();
        this.array = array;
    }

    /**
     * Sets the key columns of {@code out}'s current row from key bytes {@code b[off, off+len)}.
     *
     * @throws BadValueException if the key is not one this relation's encoder writes
     */
    public void decode(byte[] b, int off, int len, VectorRowWriter out) throws BadValueException {
        if (keyColumns.length == 1 && !array) {
            out.setText(keyColumns[0], b, off, len);
            return;
        }
        try (JsonParser p = JSON.createParser(b, off, len)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new BadValueException("the record key is not a JSON array of " + keyColumns.length + " values");
            }
            for (int c : keyColumns) {
                JsonToken t = p.nextToken();
                switch (t) {
                    case VALUE_NULL -> out.setNull(c);
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                        text.reset();
                        Utf8.encode(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), text);
                        out.setText(c, text.array(), 0, text.length());
                    }
                    default -> throw new BadValueException("the record key has " + (t == JsonToken.END_ARRAY
                            ? "too few values" : "an unexpected " + t) + " for a key of " + keyColumns.length
                            + " columns");
                }
            }
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new BadValueException("the record key has more than " + keyColumns.length + " values");
            }
        } catch (JsonProcessingException e) {
            throw new BadValueException("malformed record key: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadValueException("malformed record key: " + e.getMessage());
        }
    }
}
