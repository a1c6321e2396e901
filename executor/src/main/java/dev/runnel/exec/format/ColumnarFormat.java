package dev.runnel.exec.format;

import dev.runnel.exec.arrow.ArrowTypes;
import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The columnar format: a block of rows of one partition is one log payload batch holding one
 * Arrow IPC record-batch message. The schema is not repeated per block: it is the relation's
 * payload columns (from the catalog), and a fingerprint of their types guards against reading a
 * block with the wrong layout. Row {@code i} of a block has offset {@code baseOffset + i}.
 *
 * <h2>Payload layout</h2>
 * <pre>
 * offset size field
 *   0     4   magic        "RNC1" (0x524E4331), big-endian
 *   4     4   fingerprint  CRC-32C of the payload column types, see {@link #fingerprint}
 *   8     4   rowCount     rows in the block (= the payload batch's record count)
 *  12     4   reserved     0; keeps what follows 8-byte aligned
 *  16     ..  message      an encapsulated Arrow IPC RecordBatch message: 0xFFFFFFFF, int32 LE
 *                          metadata length, flatbuffer Message padded to 8 bytes, then the body
 *                          (every buffer 8-byte aligned, no IPC compression: the log compresses)
 * </pre>
 *
 * <p>Decoding copies only the buffers of the wanted columns out of the payload into one Arrow
 * buffer and loads the vectors from slices of it ({@code loadFieldBuffers}): no per-value work. A
 * payload that already lies in Arrow memory (a fetch read into the scan's buffer) is not copied at
 * all: the vectors are loaded from slices of that memory.
 * One instance per thread (a reused encode buffer).
 */
public final class ColumnarFormat implements RowFormat {
    public static final int MAGIC = 0x524E4331;
    public static final int HEADER_SIZE = 16;

    private final List<Column> columns;
    private final Schema schema;
    private final int fingerprint;
    private final int[] bufferCounts;
    private final int[] firstBuffer;
    private final int totalBuffers;
    private final ByteBuilder encoded = new ByteBuilder(64 * 1024);

    public ColumnarFormat(List<Column> columns) {
        this.columns = List.copyOf(columns);
        this.schema = ArrowTypes.toSchema(columns);
        this.fingerprint = fingerprint(columns);
        this.bufferCounts = new int[columns.size()];
        this.firstBuffer = new int[columns.size()];
        int total = 0;
        for (int i = 0; i < columns.size(); i++) {
            firstBuffer[i] = total;
            bufferCounts[i] = TypeLayout.getTypeBufferCount(schema.getFields().get(i).getType());
            total += bufferCounts[i];
        }
        this.totalBuffers = total;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    /** The Arrow schema of the payload columns. */
    public Schema schema() {
        return schema;
    }

    /** CRC-32C over {@code KIND(precision,scale);} of each column: what decoding depends on. */
    public static int fingerprint(List<Column> columns) {
        StringBuilder sb = new StringBuilder();
        for (Column c : columns) {
            DataType t = c.type();
            sb.append(t.kind()).append('(').append(t.precision()).append(',').append(t.scale()).append(");");
        }
        CRC32C crc = new CRC32C();
        crc.update(sb.toString().getBytes(StandardCharsets.US_ASCII));
        return (int) crc.getValue();
    }

    // ---- encode ----

    /**
     * Encodes all rows of {@code batch} (vectors = payload columns, value counts set) as one block.
     * The result is a view of a buffer this format reuses: valid until the next encode.
     */
    public ByteBuffer encode(VectorSchemaRoot batch) {
        if (batch.getFieldVectors().size() != columns.size()) {
            throw new IllegalArgumentException("batch has " + batch.getFieldVectors().size() + " columns, the format "
                    + columns.size());
        }
        encoded.reset();
        encoded.ensureSpace(HEADER_SIZE);
        ByteBuffer header = ByteBuffer.wrap(encoded.array(), 0, HEADER_SIZE);
        header.putInt(MAGIC).putInt(fingerprint).putInt(batch.getRowCount()).putInt(0);
        encoded.truncate(HEADER_SIZE);
        try (ArrowRecordBatch rb = new VectorUnloader(batch).getRecordBatch()) {
            MessageSerializer.serialize(new WriteChannel(new Sink(encoded)), rb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteBuffer.wrap(encoded.array(), 0, encoded.length());
    }

    /** A channel appending to a byte builder. */
    private record Sink(ByteBuilder out) implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            out.ensureSpace(n);
            src.get(out.array(), out.length(), n);
            out.truncate(out.length() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    // ---- decode ----

    /** The row count a block claims, after checking its header. */
    public int rowCount(ByteBuffer payload) throws BadValueException {
        ByteBuffer p = payload.slice().order(ByteOrder.BIG_ENDIAN);
        if (p.remaining() < HEADER_SIZE || p.getInt(0) != MAGIC) {
            throw new BadValueException("not a columnar block (bad magic)");
        }
        if (p.getInt(4) != fingerprint) {
            throw new BadValueException("columnar block written for other column types (fingerprint "
                    + Integer.toHexString(p.getInt(4)) + ", expected " + Integer.toHexString(fingerprint) + ")");
        }
        return p.getInt(8);
    }

    /**
     * Loads payload columns {@code wanted[j]} of a block into {@code targets[j]} (empty vectors of
     * the columns' types, allocated from {@code allocator}); returns the block's row count.
     *
     * @throws BadValueException if the block is not a well-formed block of this layout
     */
    public int decode(ByteBuffer payload, int[] wanted, FieldVector[] targets, BufferAllocator allocator)
            throws BadValueException {
        return decode(payload, wanted, targets, allocator, null);
    }

    /**
     * As {@link #decode(ByteBuffer, int[], FieldVector[], BufferAllocator)}; if {@code payload} is a
     * direct buffer lying inside {@code backing} (e.g. a log fetch read into Arrow memory), the
     * vectors are loaded from slices of {@code backing} instead of copies: no bytes move. The vectors
     * then hold references to {@code backing}, whose bytes must not change until they are released.
     */
    public int decode(ByteBuffer payload, int[] wanted, FieldVector[] targets, BufferAllocator allocator,
            ArrowBuf backing) throws BadValueException {
        ByteBuffer p = payload.slice();
        int rows = rowCount(p);
        if (wanted.length == 0) {
            return rows;
        }
        p.order(ByteOrder.LITTLE_ENDIAN);
        if (p.remaining() < HEADER_SIZE + 8 || p.getInt(HEADER_SIZE) != MessageSerializer.IPC_CONTINUATION_TOKEN) {
            throw new BadValueException("columnar block has no IPC message");
        }
        int metaLength = p.getInt(HEADER_SIZE + 4);
        int metaStart = HEADER_SIZE + 8;
        if (metaLength <= 0 || metaStart + (long) metaLength > p.remaining()) {
            throw new BadValueException("columnar block has a truncated IPC message");
        }
        Message message = Message.getRootAsMessage(p.duplicate().position(metaStart)
                .limit(metaStart + metaLength).slice().order(ByteOrder.LITTLE_ENDIAN));
        if (message.headerType() != MessageHeader.RecordBatch) {
            throw new BadValueException("columnar block holds no record batch");
        }
        RecordBatch rb = (RecordBatch) message.header(new RecordBatch());
        long bodyStart = metaStart + (long) metaLength;
        long bodyLength = message.bodyLength();
        if (rb.length() != rows || rb.nodesLength() != columns.size() || rb.buffersLength() != totalBuffers
                || rb.compression() != null || bodyStart + bodyLength > p.remaining()) {
            throw new BadValueException("columnar block does not match its columns (" + rb.length() + " rows, "
                    + rb.nodesLength() + " columns, " + rb.buffersLength() + " buffers)");
        }
        long total = 0;
        Buffer fb = new Buffer();
        for (int c : wanted) {
            for (int k = 0; k < bufferCounts[c]; k++) {
                rb.buffers(fb, firstBuffer[c] + k);
                if (fb.offset() < 0 || fb.length() < 0 || fb.offset() + fb.length() > bodyLength) {
                    throw new BadValueException("columnar block has a buffer outside its body");
                }
                total += align8(fb.length());
            }
        }
        long inBacking = offsetIn(backing, p);
        if (inBacking >= 0) {
            loadSlices(backing, inBacking + bodyStart, rb, rows, wanted, targets);
            return rows;
        }
        try (ArrowBuf body = allocator.buffer(Math.max(total, 8))) {
            long at = 0;
            FieldNode node = new FieldNode();
            for (int j = 0; j < wanted.length; j++) {
                int c = wanted[j];
                List<ArrowBuf> own = new ArrayList<>(bufferCounts[c]);
                for (int k = 0; k < bufferCounts[c]; k++) {
                    rb.buffers(fb, firstBuffer[c] + k);
                    int len = (int) fb.length();
                    body.setBytes(at, p, (int) (bodyStart + fb.offset()), len);
                    own.add(body.slice(at, len));
                    at += align8(len);
                }
                rb.nodes(node, c);
                if (node.length() != rows || node.nullCount() < 0 || node.nullCount() > rows) {
                    throw new BadValueException("columnar block column " + c + " has " + node.length() + " values");
                }
                checkBuffers(c, rows, node.nullCount(), own);
                targets[j].loadFieldBuffers(new ArrowFieldNode(rows, node.nullCount()), own);
            }
        }
        return rows;
    }

    /** Where {@code p}'s bytes start within {@code backing}, or -1 if {@code p} is not a view inside it. */
    private static long offsetIn(ArrowBuf backing, ByteBuffer p) {
        if (backing == null || !p.isDirect()) {
            return -1;
        }
        long at = MemoryUtil.getByteBufferAddress(p) + p.position() - backing.memoryAddress();
        return at >= 0 && at + p.remaining() <= backing.capacity() ? at : -1;
    }

    /** Loads the wanted columns from slices of {@code backing}; buffer bounds were checked against the body. */
    private void loadSlices(ArrowBuf backing, long bodyAt, RecordBatch rb, int rows, int[] wanted,
            FieldVector[] targets) throws BadValueException {
        Buffer fb = new Buffer();
        FieldNode node = new FieldNode();
        for (int j = 0; j < wanted.length; j++) {
            int c = wanted[j];
            List<ArrowBuf> own = new ArrayList<>(bufferCounts[c]);
            for (int k = 0; k < bufferCounts[c]; k++) {
                rb.buffers(fb, firstBuffer[c] + k);
                own.add(backing.slice(bodyAt + fb.offset(), fb.length()));
            }
            rb.nodes(node, c);
            if (node.length() != rows || node.nullCount() < 0 || node.nullCount() > rows) {
                throw new BadValueException("columnar block column " + c + " has " + node.length() + " values");
            }
            checkBuffers(c, rows, node.nullCount(), own);
            targets[j].loadFieldBuffers(new ArrowFieldNode(rows, node.nullCount()), own);
        }
    }

    /** Guards against buffers too short for the rows, so a foreign block cannot read out of bounds. */
    private void checkBuffers(int c, int rows, long nullCount, List<ArrowBuf> own) throws BadValueException {
        if (own.isEmpty()) {
            return;
        }
        long validity = own.get(0).capacity();
        if (validity < (rows + 7) / 8 && !(validity == 0 && (nullCount == 0 || nullCount == rows))) {
            throw new BadValueException("columnar block column " + c + " has a short validity buffer");
        }
        DataType t = columns.get(c).type();
        switch (t.kind()) {
            case VARCHAR -> {
                ArrowBuf offsets = own.get(1);
                if (rows > 0 && offsets.capacity() < (rows + 1) * 4L) {
                    throw new BadValueException("columnar block column " + c + " has a short offset buffer");
                }
                if (rows > 0 && (offsets.getInt(0) < 0 || offsets.getInt(rows * 4L) > own.get(2).capacity())) {
                    throw new BadValueException("columnar block column " + c + " has offsets outside its data");
                }
            }
            case BOOLEAN -> requireBytes(c, own.get(1), (rows + 7) / 8);
            case INT, DATE, INTERVAL_YEAR_MONTH -> requireBytes(c, own.get(1), rows * 4L);
            case BIGINT, DOUBLE, TIMESTAMP, INTERVAL_DAY_TIME -> requireBytes(c, own.get(1), rows * 8L);
            case DECIMAL -> requireBytes(c, own.get(1), rows * 16L);
            case NULL -> { }
        }
    }

    private static void requireBytes(int c, ArrowBuf buf, long need) throws BadValueException {
        if (buf.capacity() < need) {
            throw new BadValueException("columnar block column " + c + " has a short data buffer");
        }
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }
}
