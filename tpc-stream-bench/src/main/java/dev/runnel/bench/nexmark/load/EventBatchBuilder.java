package dev.runnel.bench.nexmark.load;

import dev.runnel.bench.nexmark.gen.Auction;
import dev.runnel.bench.nexmark.gen.Bid;
import dev.runnel.bench.nexmark.gen.Person;
import dev.runnel.exec.arrow.Vectors;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.physical.RowSchema;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Collects events of one kind into an Arrow batch shaped like its stream's payload columns (see
 * {@code nexmark/ddl.sql}) and hands each full batch to a consumer, which must not keep it; the
 * batch is then refilled. Single-threaded; {@link #close} releases the vectors.
 */
public final class EventBatchBuilder implements AutoCloseable {
    private final VectorSchemaRoot root;
    private final FieldVector[] v;
    private final int batchRows;
    private final Consumer<VectorSchemaRoot> onFull;
    private final long[] varcharBytes;
    private int rows;

    public EventBatchBuilder(RelationDef stream, BufferAllocator allocator, int batchRows,
            Consumer<VectorSchemaRoot> onFull) {
        this.root = Vectors.newRoot(new RowSchema(stream.columns()), allocator);
        this.v = root.getFieldVectors().toArray(new FieldVector[0]);
        this.batchRows = batchRows;
        this.onFull = onFull;
        this.varcharBytes = new long[v.length];
        allocate();
    }

    /**
     * Allocates for a full batch; string columns get the bytes the previous batch used plus a tenth,
     * so they rarely grow (and copy) while filling.
     */
    private void allocate() {
        Vectors.allocate(root, batchRows);
        for (int c = 0; c < v.length; c++) {
            if (v[c] instanceof VarCharVector s && varcharBytes[c] > 0) {
                s.allocateNew(varcharBytes[c] + varcharBytes[c] / 10, batchRows);
            }
        }
    }

    public void add(Person p) {
        expect(8);
        setLong(0, p.id);
        setString(1, p.name);
        setString(2, p.emailAddress);
        setString(3, p.creditCard);
        setString(4, p.city);
        setString(5, p.state);
        setTime(6, p.dateTime);
        setString(7, p.extra);
        added();
    }

    public void add(Auction a) {
        expect(10);
        setLong(0, a.id);
        setString(1, a.itemName);
        setString(2, a.description);
        setLong(3, a.initialBid);
        setLong(4, a.reserve);
        setTime(5, a.dateTime);
        setTime(6, a.expires);
        setLong(7, a.seller);
        setLong(8, a.category);
        setString(9, a.extra);
        added();
    }

    public void add(Bid b) {
        expect(7);
        setLong(0, b.auction);
        setLong(1, b.bidder);
        setLong(2, b.price);
        setString(3, b.channel);
        setString(4, b.url);
        setTime(5, b.dateTime);
        setString(6, b.extra);
        added();
    }

    /** Hands over the rows collected so far, if any. */
    public void flush() {
        if (rows == 0) {
            return;
        }
        for (int c = 0; c < v.length; c++) {
            v[c].setValueCount(rows);
            if (v[c] instanceof VarCharVector s && rows == batchRows) {
                varcharBytes[c] = s.getStartOffset(rows);
            }
        }
        root.setRowCount(rows);
        onFull.accept(root);
        rows = 0;
        allocate();
    }

    private void expect(int columns) {
        if (v.length != columns) {
            throw new IllegalStateException("this builder is for a stream of " + v.length + " columns");
        }
    }

    private void added() {
        if (++rows == batchRows) {
            flush();
        }
    }

    private void setLong(int c, long value) {
        ((BigIntVector) v[c]).setSafe(rows, value);
    }

    private void setTime(int c, long millis) {
        ((TimeStampMilliVector) v[c]).setSafe(rows, millis);
    }

    private void setString(int c, String s) {
        // generated strings are ASCII, so their Latin-1 bytes are their UTF-8 bytes
        ((VarCharVector) v[c]).setSafe(rows, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() {
        root.close();
    }
}
