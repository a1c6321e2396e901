package dev.runnel.exec.expr.codegen;

/** Collects generated Java statements with indentation. Single-threaded. */
final class CodeWriter {
    private final StringBuilder sb = new StringBuilder();
    private int indent;

    CodeWriter(int indent) {
        this.indent = indent;
    }

    CodeWriter line(String s) {
        if (s.startsWith("}")) {
            indent--;
        }
        sb.append("    ".repeat(Math.max(indent, 0))).append(s).append('\n');
        if (s.endsWith("{")) {
            indent++;
        }
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
