package dev.runnel.exec.operator;

/**
 * The kind of change an output row stands for, as push queries show it in an {@code op} column:
 * an insert, the old and new values of an update, or a delete (Flink's {@code RowKind} spellings).
 * Immutable.
 */
public enum ChangeKind {
    INSERT("+I"), UPDATE_BEFORE("-U"), UPDATE_AFTER("+U"), DELETE("-D");

    private final String code;

    ChangeKind(String code) {
        this.code = code;
    }

    /** {@code +I}, {@code -U}, {@code +U} or {@code -D}. */
    public String code() {
        return code;
    }
}
