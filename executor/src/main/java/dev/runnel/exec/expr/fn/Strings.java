package dev.runnel.exec.expr.fn;

/** Small glue for generated code between {@code String} results and UTF-8 values. Stateless. */
public final class Strings {
    private Strings() {}

    /** UTF-8 bytes of {@code s}, or null (SQL NULL) when {@code s} is null. */
    public static byte[] encodeNullable(String s) {
        return s == null ? null : Utf8.encode(s);
    }
}
