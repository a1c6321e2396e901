package dev.runnel.exec.format;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A row format that stores one row per log record value (json, csv). Values are UTF-8 bytes.
 * One instance per thread (scratch buffers).
 */
public sealed interface RecordFormat extends RowFormat permits JsonFormat, CsvFormat, DebeziumJsonFormat {

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

    /** {@link #decodeChanges}: the row is its key's row from now on (an insert, or an upsert). */
    int INSERT = 0;
    /** {@link #decodeChanges}: the row is its key's row from now on, said to be an update. */
    int UPDATE = 2;
    /** {@link #decodeChanges}: the row's key has no row any more. */
    int DELETE = 3;

    /**
     * Decodes one record value of a TABLE as the changes it makes to the table: each row kept
     * ({@link VectorRowWriter#endRow} called) with its kind in {@code kinds} ({@link #INSERT}, {@link #UPDATE}
     * or {@link #DELETE}: the change-kind ordinals of +I, +U and -D; an insert of a key that has a
     * row replaces it, an update of one that has none inserts). Returns how many rows it kept (0 to
     * 2). Upsert formats (json, csv) keep one upserted row; a change-event format may keep a delete,
     * or a delete of the old key and the new row for an update that changed the key. With
     * {@code deletes} false, deleting rows are left out (a pull query wants the rows that remain).
     *
     * @throws BadValueException if the value is malformed; no row of it is then kept, and the
     *                           current row must be discarded by the caller
     */
    default int decodeChanges(byte[] b, int off, int len, VectorRowWriter out, boolean deletes, int[] kinds)
            throws BadValueException {
        decode(b, off, len, out);
        out.endRow();
        kinds[0] = INSERT;
        return 1;
    }
}
