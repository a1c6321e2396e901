package dev.runnel.exec.copy;

/**
 * What a COPY did: rows loaded into the target and rows rejected into {@code deadLetterTopic}
 * (counts for the whole file, including rows a resumed run had loaded before). {@code resumed}
 * says this run continued an interrupted one; {@code alreadyLoaded} that the file had been
 * loaded whole before and nothing was done. Immutable.
 */
public record CopyResult(long rowsLoaded, long rowsRejected, String deadLetterTopic, boolean resumed,
        boolean alreadyLoaded) {}
