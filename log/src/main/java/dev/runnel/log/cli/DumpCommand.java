package dev.runnel.log.cli;

import dev.runnel.log.CorruptRecordException;
import dev.runnel.log.StorageException;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordCursor;
import dev.runnel.log.storage.SegmentFiles;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dump TOPIC --partition P}: walks the partition's segment files byte by byte, as they are
 * on disk, printing every batch header (with whether its CRC checks out) and then its records. Unlike
 * {@code consume} it shows damaged batches instead of refusing them.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Prints every batch of a partition's segment files as stored: offsets, record count, "
                + "timestamps, compression, CRC check, size, then the batch's records.")
final class DumpCommand implements Runnable {
    @ParentCommand
    LogCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Option(names = "--partition", paramLabel = "P", required = true)
    int partition;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (StoreSession session = cli.openStore(false)) {
            EmbeddedLogStore store = session.store();
            TopicPartition tp = new TopicPartition(topic, partition);
            store.logEndOffset(tp); // an unknown topic or partition fails here, before any path is built from its name
            for (String repair : store.repairs()) {
                if (repair.startsWith(tp + ": ")) {
                    out.println("repaired on open: " + repair.substring(tp.toString().length() + 2));
                }
            }
            Path dir = store.dataDir().resolve("topics").resolve(topic).resolve(Integer.toString(partition));
            for (Path segment : segments(dir)) {
                dumpSegment(segment, out);
                out.flush();
            }
        } catch (IOException e) {
            throw new StorageException("cannot dump " + topic + "-" + partition + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> segments(Path dir) throws IOException {
        List<Path> logs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SegmentFiles.LOG)) {
            for (Path p : ds) {
                if (SegmentFiles.baseOffsetOf(p) >= 0) {
                    logs.add(p);
                }
            }
        }
        logs.sort(Comparator.comparingLong(SegmentFiles::baseOffsetOf));
        return logs;
    }

    private static void dumpSegment(Path file, PrintWriter out) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            out.println("Segment " + file.getFileName() + " (" + size + " bytes)");
            ByteBuffer head = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
            long pos = 0;
            while (pos < size) {
                if (size - pos < RecordBatch.HEADER_SIZE) {
                    out.println("  incomplete batch header at position " + pos + ": " + (size - pos) + " bytes left");
                    return;
                }
                head.clear();
                readFully(ch, head, pos);
                int total = head.getInt(RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
                if (total < RecordBatch.HEADER_SIZE || pos + total > size) {
                    out.println("  unreadable batch at position " + pos + ": it claims " + total + " bytes, "
                            + (size - pos) + " bytes are left in the file");
                    return;
                }
                ByteBuffer bytes = ByteBuffer.allocate(total);
                readFully(ch, bytes, pos);
                bytes.flip();
                dumpBatch(new RecordBatch(bytes), pos, out);
                pos += total;
            }
        }
    }

    private static void dumpBatch(RecordBatch b, long position, PrintWriter out) {
        boolean valid = b.isValid();
        String compression;
        try {
            compression = b.compression().configName();
        } catch (CorruptRecordException e) {
            compression = "unknown";
        }
        out.println("batch position=" + position + " baseOffset=" + b.baseOffset() + " lastOffset=" + b.lastOffset()
                + " count=" + b.recordCount() + " size=" + b.sizeInBytes() + (b.isPayload() ? " payload" : "")
                + " compression=" + compression
                + " crc=" + (valid ? "valid" : "INVALID") + " firstTimestamp=" + Render.time(b.firstTimestamp())
                + " maxTimestamp=" + Render.time(b.maxTimestamp()) + " producerTimestamp="
                + Render.time(b.producerTimestamp()) + " appendTime=" + Render.time(b.appendTime())
                + (b.producerId() < 0 ? "" : " producer=" + b.producerId() + " epoch=" + b.producerEpoch()
                        + " firstSequence=" + b.firstSequence()));
        try {
            if (b.isPayload()) {
                out.println("  payload: " + b.recordCount() + " rows, " + b.payload().remaining() + " bytes");
                return;
            }
            RecordCursor c = b.records();
            while (c.next()) {
                out.println("  offset=" + c.offset() + " timestamp=" + Render.time(c.timestamp()) + " key="
                        + Render.bytes(c.keyBytes()) + " value=" + Render.bytes(c.valueBytes())
                        + (c.headers().isEmpty() ? "" : " headers=" + c.headers().size()));
            }
        } catch (RuntimeException e) {
            // bytes that failed their CRC can hold any garbage: say so and go on with the next batch
            out.println("  records unreadable: " + (e instanceof CorruptRecordException ? e.getMessage() : e.toString()));
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        long p = position;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, p);
            if (n < 0) {
                throw new EOFException("unexpected end of file at " + p);
            }
            p += n;
        }
    }
}
