package dev.runnel.log;

/**
 * The store's cluster could not be reached in time (a Kafka broker down or partitioned away): the
 * operation was not done, or, for an append, its outcome is not known to the caller; trying again
 * once the cluster is back is the remedy. Nothing of an append that failed so is reported written.
 */
public class UnavailableException extends StorageException {
    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
