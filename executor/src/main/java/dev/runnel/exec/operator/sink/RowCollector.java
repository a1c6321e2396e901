package dev.runnel.exec.operator.sink;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.Output;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An {@link Output} that copies every row it receives into Java values (per {@code TypeKind}:
 * Boolean, Integer, Long, Double, BigDecimal, String; TIMESTAMP as Long epoch millis, DATE as
 * Integer days; NULL as null), for tests and for turning results into JDBC rows, and the watermarks
 * it was sent. Optionally stops wanting input after {@code limit} rows. Single-threaded.
 */
public final class RowCollector implements Output {
    private final List<List<Object>> rows = new ArrayList<>();
    private final List<Long> watermarks = new ArrayList<>();
    private final long limit;
    private boolean finished;
    private int batches;

    public RowCollector() {
        this(Long.MAX_VALUE);
    }

    /** @param limit rows after which {@link #needsMoreInput} turns false (rows beyond it are still kept) */
    public RowCollector(long limit) {
        this.limit = limit;
    }

    /** Converts every row of {@code batch} to Java values. */
    public static List<List<Object>> toRows(VectorSchemaRoot batch) {
        List<List<Object>> out = new ArrayList<>(batch.getRowCount());
        List<FieldVector> vectors = batch.getFieldVectors();
        for (int r = 0; r < batch.getRowCount(); r++) {
            List<Object> row = new ArrayList<>(vectors.size());
            for (FieldVector v : vectors) {
                row.add(Vectors.get(v, r));
            }
            out.add(row);
        }
        return out;
    }

    @Override
    public void emit(VectorSchemaRoot batch) {
        if (finished) {
            throw new IllegalStateException("batch after finish");
        }
        batches++;
        rows.addAll(toRows(batch));
    }

    @Override
    public void watermark(long watermark) {
        watermarks.add(watermark);
    }

    @Override
    public void finish() {
        if (finished) {
            throw new IllegalStateException("finish called twice");
        }
        finished = true;
    }

    @Override
    public boolean needsMoreInput() {
        return rows.size() < limit;
    }

    /** The rows received so far, in arrival order. */
    public List<List<Object>> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** The watermarks received, in order. */
    public List<Long> watermarks() {
        return Collections.unmodifiableList(watermarks);
    }

    public boolean finished() {
        return finished;
    }

    /** How many batches arrived. */
    public int batches() {
        return batches;
    }
}
