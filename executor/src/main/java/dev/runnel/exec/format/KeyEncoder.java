package dev.runnel.exec.format;

import dev.runnel.log.Partitioner;
import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Builds a row's record key from the relation's key columns ({@code StorageSpec.keyColumns}) and
 * so its partition:
 * <ul>
 *   <li>one key column: the value's canonical text in UTF-8 ({@code 42}, {@code web},
 *       {@code 2026-01-01 00:00:01.000}); a NULL value gives a null key;</li>
 *   <li>several: a JSON array text of the values ({@code [42,"web"]}: numbers and booleans bare,
 *       everything else as JSON strings of the canonical text, NULL as {@code null});</li>
 *   <li>none: a null key.</li>
 * </ul>
 * With {@link #ARRAY_KEYS} (the internal topics of a cluster's views) every key is a JSON array,
 * one column too ({@code [42]}, {@code [null]}): a NULL key column is then a key like any other, so
 * a NULL group or partition key has its own partition and its own compacted row.
 *
 * <p>Keyed rows go to Kafka's murmur2 partition of the key bytes (via the log's {@link Partitioner}),
 * so a Kafka backend places them alike; rows with a null key are spread round-robin by the caller.
 *
 * <p>Holds a scratch buffer: one encoder per thread.
 */
public final class KeyEncoder {
    /** The relation option that makes every key a JSON array (see the class comment). */
    public static final String ARRAY_KEYS = "keys.array";

    private final int[] keyColumns;
    private final boolean array;
    private final TypeKind[] kinds;
    private final ByteBuilder scratch = new ByteBuilder(64);
    private final ByteBuilder keyBuffer = new ByteBuilder(64);

    public KeyEncoder(List<Column> payloadColumns, List<Integer> keyColumns) {
        this(payloadColumns, keyColumns, false);
    }

    /** With {@code array}, every key is a JSON array, NULLs included ({@link #ARRAY_KEYS}). */
    public KeyEncoder(List<Column> payloadColumns, List<Integer> keyColumns, boolean array) {
        this.array = array;
        this.keyColumns = keyColumns.stream().mapToInt(Integer::intValue).toArray();
        this.kinds = new TypeKind[this.keyColumns.length];
        for (int i = 0; i < this.keyColumns.length; i++) {
            int c = this.keyColumns[i];
            if (c < 0 || c >= payloadColumns.size()) {
                throw new IllegalArgumentException("key column " + c + " is not one of the " + payloadColumns.size()
                        + " payload columns");
            }
            kinds[i] = payloadColumns.get(c).type().kind();
        }
    }

    /** Whether rows have keys at all (else every key is null). */
    public boolean keyed() {
        return keyColumns.length > 0;
    }

    /** Whether {@code options} (a relation's) ask for array keys ({@link #ARRAY_KEYS}). */
    public static boolean arrayKeys(java.util.Map<String, String> options) {
        return Boolean.parseBoolean(options.get(ARRAY_KEYS));
    }

    /** Whether a NULL in a key column is a key of its own (array keys), rather than no key. */
    public boolean nullsAreKeys() {
        return array;
    }

    /** Whether the row's key is null or has a NULL component (a primary key must not). */
    public boolean hasNull(VectorSchemaRoot batch, int row) {
        for (int c : keyColumns) {
            if (batch.getVector(c).isNull(row)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the key of {@code row} into {@code out} (after resetting it); false for a null key.
     * {@code batch} holds the payload columns in order.
     */
    public boolean encode(VectorSchemaRoot batch, int row, ByteBuilder out) {
        out.reset();
        if (keyColumns.length == 0) {
            return false;
        }
        if (keyColumns.length == 1 && !array) {
            FieldVector v = batch.getVector(keyColumns[0]);
            if (v.isNull(row)) {
                return false;
            }
            VectorText.append(v, kinds[0], row, out);
            return true;
        }
        out.append((byte) '[');
        for (int i = 0; i < keyColumns.length; i++) {
            if (i > 0) {
                out.append((byte) ',');
            }
            FieldVector v = batch.getVector(keyColumns[i]);
            if (v.isNull(row)) {
                out.appendAscii("null");
                continue;
            }
            switch (kinds[i]) {
                case INT, BIGINT, DECIMAL, BOOLEAN, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH ->
                        VectorText.append(v, kinds[i], row, out);
                case DOUBLE -> {
                    double d = ((org.apache.arrow.vector.Float8Vector) v).get(row);
                    boolean finite = !Double.isNaN(d) && !Double.isInfinite(d);
                    if (!finite) {
                        out.append((byte) '"');
                    }
                    VectorText.append(v, kinds[i], row, out);
                    if (!finite) {
                        out.append((byte) '"');
                    }
                }
                case VARCHAR, TIMESTAMP, DATE, NULL -> {
                    int start = out.length();
                    VectorText.append(v, kinds[i], row, out);
                    int end = out.length();
                    // the canonical text, escaped as a JSON string body through the scratch buffer
                    scratch.reset();
                    VectorText.appendJsonEscaped(out.array(), start, end - start, scratch);
                    out.truncate(start);
                    out.append((byte) '"').append(scratch.array(), 0, scratch.length()).append((byte) '"');
                }
            }
        }
        out.append((byte) ']');
        return true;
    }

    /** The key bytes of {@code row}, or null for a null key. Allocates: for record formats. */
    public byte[] key(VectorSchemaRoot batch, int row) {
        return encode(batch, row, keyBuffer) ? keyBuffer.toByteArray() : null;
    }

    /** The partition of {@code row}'s key, or -1 for a null key (the caller picks round-robin). */
    public int partition(VectorSchemaRoot batch, int row, int numPartitions) {
        if (!encode(batch, row, keyBuffer)) {
            return -1;
        }
        return Partitioner.partitionForKey(keyBuffer.array(), 0, keyBuffer.length(), numPartitions);
    }

    /** The partition of key bytes already built. */
    public static int partitionOf(byte[] key, int numPartitions) {
        return Partitioner.partitionForKey(key, 0, key.length, numPartitions);
    }
}
