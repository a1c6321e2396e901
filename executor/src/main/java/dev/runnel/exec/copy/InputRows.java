package dev.runnel.exec.copy;

import dev.runnel.exec.format.VectorRowWriter;
import java.io.IOException;

/**
 * The records of an input file, parsed one at a time into a {@link VectorRowWriter}, each either
 * a row or a bad record with its reason, line and raw bytes. Not thread-safe.
 */
sealed interface InputRows permits CsvInput, JsonLinesInput {

    /** What {@link #next} found. */
    enum Outcome { ROW, BAD, END }

    /**
     * Parses the next record. {@code ROW}: the writer's current row holds it (the caller ends or
     * discards it); {@code BAD}: see {@link #reason()} and {@link #raw()} (the caller discards the
     * row); {@code END}: no more input.
     */
    Outcome next(VectorRowWriter writer) throws IOException;

    /** 1-based line of the file where the last record starts. */
    long line();

    /** The line the next record starts on (for resuming). */
    long nextLine();

    /** Why the last record was bad. */
    String reason();

    /** The last bad record's bytes, without its line break. */
    byte[] raw();

    /** A copy of the last good record's bytes, without its line break (valid until the next call). */
    byte[] lastRecord();
}
