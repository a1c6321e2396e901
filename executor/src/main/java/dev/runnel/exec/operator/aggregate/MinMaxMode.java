package dev.runnel.exec.operator.aggregate;

/** Which value of a group a MIN/MAX-style accumulator keeps. */
enum MinMaxMode {
    MIN, MAX,
    /** The first non-NULL value seen (ANY_VALUE). */
    ANY;

    /** Whether a candidate that compares {@code cmp} against the kept value replaces it. */
    boolean replaces(int cmp) {
        return switch (this) {
            case MIN -> cmp < 0;
            case MAX -> cmp > 0;
            case ANY -> false;
        };
    }
}
