package dev.runnel.log;

/** An I/O failure of the underlying files (disk full, permission, ...). */
public class StorageException extends LogException {
    public StorageException(String message) {
        super("STORAGE_ERROR", message);
    }

    public StorageException(String message, Throwable cause) {
        super("STORAGE_ERROR", message, cause);
    }
}
