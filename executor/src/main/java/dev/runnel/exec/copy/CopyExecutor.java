package dev.runnel.exec.copy;

import dev.runnel.exec.format.BadValueException;
import dev.runnel.exec.format.CsvFormat;
import dev.runnel.exec.format.JsonFormat;
import dev.runnel.exec.format.RecordFormat;
import dev.runnel.exec.format.RowFormat;
import dev.runnel.planner.catalog.Format;
import dev.runnel.log.LogStore;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.statement.Copy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs {@code COPY target FROM 'path' WITH (...)}: streams a local csv or json-lines file through
 * one read buffer, parses it into Arrow batches of the target's payload columns and appends them
 * with {@link dev.runnel.exec.sink.LogSink} (so a TABLE is upserted by key). Bad rows (malformed,
 * wrong field count, a value that does not parse for its column, a NULL primary key) go to the
 * target's dead-letter topic as {@code {"reason", "source": "file:line", "raw"}} and are counted;
 * good rows load. Progress is reported about every 100,000 rows and at the end.
 *
 * <p><b>Crash safety and idempotence.</b> Each batch is appended whole (the log guarantees a
 * visible batch is complete), and after each batch a checkpoint (file size, mtime, bytes and rows
 * done, end offsets) is saved to {@code __copy_progress}. Running the same COPY again after a
 * crash resumes after the last checkpointed batch, and appends of the batch that was in flight
 * are not repeated where the log shows they landed (exact unless another writer appended to the
 * same partitions meanwhile, which the result counts as ambiguous). Running it again after it
 * completed does nothing (unless {@code reload = true}); a changed file (size or mtime) loads
 * afresh.
 *
 * <p>Thread-safe: each call works on its own state; do not run two COPYs of the same file into
 * the same target at once.
 */
public final class CopyExecutor {
    static final long PROGRESS_EVERY_ROWS = 100_000;
    private static final System.Logger LOG = System.getLogger(CopyExecutor.class.getName());

    private final LogStore store;
    private final BufferAllocator allocator;
    private final Clock clock;
    private final Consumer<String> faults;
    private final int readBuffer;

    public CopyExecutor(LogStore store, BufferAllocator allocator, Clock clock) {
        this(store, allocator, clock, where -> { }, 1024 * 1024);
    }

    private CopyExecutor(LogStore store, BufferAllocator allocator, Clock clock, Consumer<String> faults,
            int readBuffer) {
        this.store = store;
        this.allocator = allocator;
        this.clock = clock;
        this.faults = faults;
        this.readBuffer = readBuffer;
    }

    /** The same executor calling {@code hook} at each step of a batch, to inject crashes in tests. */
    CopyExecutor withFaultInjection(Consumer<String> hook) {
        return new CopyExecutor(store, allocator, clock, hook, readBuffer);
    }

    /** The same executor reading through a buffer of this size (tests exercise refills with small ones). */
    CopyExecutor withReadBuffer(int bytes) {
        return new CopyExecutor(store, allocator, clock, faults, bytes);
    }

    /** Runs a parsed COPY statement against the catalog. */
    public CopyResult execute(Copy statement, CatalogView catalog, Consumer<CopyProgress> progress) {
        RelationDef target = catalog.find(statement.target()).orElseThrow(() -> new RunnelSqlException("42S02",
                "unknown stream or table '" + statement.target() + "'", statement.pos()));
        try {
            return copy(target, Path.of(statement.path()), CopyOptions.parse(statement.options()), progress);
        } catch (RunnelSqlException e) {
            throw e.position().equals(dev.runnel.sql.SourcePos.UNKNOWN) ? e.relocated(statement.pos()) : e;
        }
    }

    /** Loads {@code file} into {@code target}. */
    public CopyResult copy(RelationDef target, Path file, CopyOptions options, Consumer<CopyProgress> progress) {
        if (target.kind() == RelationKind.MATERIALIZED_VIEW) {
            throw new RunnelSqlException("42000", "COPY cannot load into materialized view '" + target.name()
                    + "'; it is written by its query", null);
        }
        if (!store.topicExists(target.storage().topic())) {
            throw new RunnelSqlException("58000", "the topic '" + target.storage().topic() + "' of '" + target.name()
                    + "' does not exist", null);
        }
        Path path = file.toAbsolutePath().normalize();
        try (FileInput in = new FileInput(path, readBuffer)) {
            return run(target, path, in, options, progress == null ? p -> { } : progress);
        } catch (NoSuchFileException e) {
            throw new RunnelSqlException("58000", "cannot read '" + file + "': no such file", null);
        } catch (IOException e) {
            throw new RunnelSqlException("58000", "cannot read '" + file + "': " + e.getMessage(), null, e);
        }
    }

    private CopyResult run(RelationDef target, Path path, FileInput in, CopyOptions options,
            Consumer<CopyProgress> progress) throws IOException {
        String pathText = path.toString();
        long size = in.size();
        long mtime = Files.getLastModifiedTime(path).toMillis();
        CopyCheckpoints checkpoints = new CopyCheckpoints(store);
        Optional<CopyCheckpoint> previous = checkpoints.find(target.name(), pathText)
                .filter(c -> c.sameFile(size, mtime));
        if (previous.isPresent() && previous.get().complete() && !options.reload()) {
            CopyCheckpoint c = previous.get();
            progress.accept(new CopyProgress(c.rowsRead(), c.rowsLoaded(), c.rowsRejected(), size, size));
            return new CopyResult(c.rowsLoaded(), c.rowsRejected(), dev.runnel.exec.catalog.TopicSettings
                    .deadLetterTopic(target), false, true);
        }
        Optional<CopyCheckpoint> resume = previous.filter(c -> !c.complete() && !options.reload());
        int batchRows = resume.map(CopyCheckpoint::batchRows).orElse(options.batchRows());
        String sourceName = path.getFileName() == null ? pathText : path.getFileName().toString();
        try (CopyRun batches = new CopyRun(store, target, allocator, clock, sourceName, batchRows, checkpoints, faults)) {
            if (resume.isPresent() && endsNotBehind(batches.endOffsets(), resume.get().endOffsets())) {
                batches.resumeFrom(resume.get());
                in.seek(resume.get().bytesDone());
            } else {
                resume = Optional.empty();
                batches.start(batches.checkpoint(pathText, size, mtime, 0, 1, false));
            }
            long startLine = resume.map(CopyCheckpoint::nextLine).orElse(1L);
            // a run that crashed in its first batch resumes at byte 0, before the header
            boolean header = options.header() && resume.map(c -> c.bytesDone() == 0).orElse(true);
            InputRows rows = switch (options.format()) {
                case CSV -> new CsvInput(in, new CsvFormat(target.columns(), options.csv()), header,
                        options.maxRecordBytes(), startLine);
                case JSON -> target.storage().format() == Format.DEBEZIUM_JSON
                        ? new JsonLinesInput(in, (RecordFormat) RowFormat.of(target), true, options.maxRecordBytes(),
                                startLine)
                        : new JsonLinesInput(in, new JsonFormat(target.columns()), options.maxRecordBytes(),
                                startLine);
            };
            long nextReport = batches.rowsRead + PROGRESS_EVERY_ROWS;
            while (true) {
                InputRows.Outcome outcome = rows.next(batches.writer());
                if (outcome == InputRows.Outcome.END) {
                    break;
                }
                if (outcome == InputRows.Outcome.ROW && rows instanceof JsonLinesInput json && json.changes()) {
                    batches.acceptChanges(json.kept(), json.kinds());
                } else if (outcome == InputRows.Outcome.ROW) {
                    try {
                        batches.acceptRow(rows.line(), rows::lastRecord);
                    } catch (BadValueException e) {
                        batches.reject(e.reason(), rows.line(), rows.lastRecord());
                    }
                } else {
                    batches.reject(rows.reason(), rows.line(), rows.raw());
                }
                if (batches.full()) {
                    long bytesDone = in.position();
                    long nextLine = rows.nextLine();
                    batches.flush(r -> r.checkpoint(pathText, size, mtime, bytesDone, nextLine, false));
                }
                if (batches.rowsRead >= nextReport) {
                    progress.accept(new CopyProgress(batches.rowsRead, batches.rowsLoaded, batches.rowsRejected,
                            in.position(), size));
                    nextReport += PROGRESS_EVERY_ROWS;
                }
            }
            long nextLine = rows.nextLine();
            batches.flush(r -> r.checkpoint(pathText, size, mtime, size, nextLine, true));
            progress.accept(new CopyProgress(batches.rowsRead, batches.rowsLoaded, batches.rowsRejected, size, size));
            if (batches.ambiguousResumes > 0) {
                LOG.log(System.Logger.Level.WARNING, "COPY of " + pathText + " into " + target.name() + " resumed while "
                        + "another writer had appended to the same partitions; the batch in flight at the crash may"
                        + " have been appended twice to " + batches.ambiguousResumes + " of them");
            }
            return new CopyResult(batches.rowsLoaded, batches.rowsRejected, batches.deadLetterTopic(),
                    resume.isPresent(), false);
        }
    }

    /** A checkpoint is stale if the target's log ends before it (the relation was dropped and made again). */
    private static boolean endsNotBehind(long[] now, long[] recorded) {
        if (now.length != recorded.length) {
            return false;
        }
        for (int p = 0; p < now.length; p++) {
            if (now[p] < recorded[p]) {
                return false;
            }
        }
        return true;
    }
}
