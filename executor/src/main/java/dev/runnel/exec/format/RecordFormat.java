package dev.runnel.exec.format;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A row format that stores one row per log record value (json, csv). Values are UTF-8 bytes.
 * One instance per thread (scratch buffers).
 */
public sealed interface RecordFormat extends RowFormat permits JsonFormat, CsvFormat {

    /**
     * Appends the record value of row {@code row} of {@code batch} (vectors = payload columns, in
     * order) to {@code out}.
     */
    void encode(VectorSchemaRoot batch, int row, ByteBuilder out);

    /**
     * Decodes one record value into the current row of {@code out}, setting the columns it
     * {@link VectorRowWriter#wants}; the caller ends or discards the row.
     *
     * @throws BadValueException if the value is malformed or a wanted column's value does not fit
     *                           its type; nothing of the row must then be kept
     */
    void decode(byte[] b, int off, int len, VectorRowWriter out) throws BadValueException;
}
