package dev.runnel.exec.format;

import dev.runnel.exec.arrow.ArrowTypes;
import dev.runnel.exec.testing.Rows;
import dev.runnel.planner.catalog.Column;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Decodes single record values of a format into Java rows, or the reason they are bad. */
final class DecodeTester implements AutoCloseable {
    private final RecordFormat format;
    private final List<Column> columns;
    private final BufferAllocator allocator;

    DecodeTester(RecordFormat format, BufferAllocator allocator) {
        this.format = format;
        this.columns = format.columns();
        this.allocator = allocator;
    }

    /** The decoded row, or "BAD: reason". */
    Object decode(String value) {
        try (VectorSchemaRoot out = VectorSchemaRoot.create(ArrowTypes.toSchema(columns), allocator)) {
            out.allocateNew();
            VectorRowWriter w = new VectorRowWriter(columns, out.getFieldVectors().toArray(new FieldVector[0]));
            byte[] b = value.getBytes(StandardCharsets.UTF_8);
            try {
                format.decode(b, 0, b.length, w);
                w.endRow();
            } catch (BadValueException e) {
                return "BAD: " + e.reason();
            }
            w.finish();
            out.setRowCount(w.rowCount());
            return Rows.fromRoot(out).get(0);
        }
    }

    @Override
    public void close() {}
}
