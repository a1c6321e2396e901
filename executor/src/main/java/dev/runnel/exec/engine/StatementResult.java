package dev.runnel.exec.engine;

/** What a statement produced: rows ({@link RowResult}) or a count and message ({@link UpdateResult}). */
public sealed interface StatementResult extends AutoCloseable permits RowResult, UpdateResult {
    @Override
    void close();
}
