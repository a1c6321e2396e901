package dev.runnel.exec.golden;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets scripts name COPY input files relative to a base folder (the golden scripts' folder, the
 * repository root for docs/sql.md), whatever the test's working directory: a relative path in
 * {@code COPY t FROM 'path'} is resolved against the base before the statement runs, and the base
 * is taken out of messages again so transcripts do not depend on where the checkout lives.
 * Immutable.
 */
final class CopyPaths {
    private static final Pattern COPY_FROM = Pattern.compile("(?is)^(\\s*COPY\\s+.+?\\s+FROM\\s+')([^']*)(')");

    private final Path base;
    private final String baseText;

    CopyPaths(Path base) {
        this.base = base.toAbsolutePath().normalize();
        this.baseText = this.base + java.io.File.separator;
    }

    /** The statement with a relative COPY path made absolute; other statements unchanged. */
    String resolve(String sql) {
        Matcher m = COPY_FROM.matcher(sql);
        if (!m.find() || m.group(2).isEmpty() || Path.of(m.group(2)).isAbsolute()) {
            return sql;
        }
        String absolute = base.resolve(m.group(2)).normalize().toString();
        return m.group(1) + absolute.replace("'", "''") + m.group(3) + sql.substring(m.end());
    }

    /** The text with the base folder taken out of any path in it. */
    String relativize(String text) {
        return text == null ? null : text.replace(baseText, "");
    }
}
