package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;
import java.util.Objects;
import org.apache.calcite.sql.SqlNode;

/**
 * A query (or INSERT/expression) parsed by Calcite's parser. Calcite's positions in {@link #node()}
 * are relative to {@link #sql()}; {@link #toScript(SourcePos)} maps one to the script's line and
 * column using {@link #origin()}, where the body starts in the script. Immutable by convention
 * (SqlNode trees are not deeply immutable: do not mutate them; the validator works on a copy).
 */
public record QueryBody(SqlNode node, String sql, SourcePos origin) {
    public QueryBody {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(origin, "origin");
    }

    /** Maps a position relative to {@link #sql()} (1-based) to script coordinates. */
    public SourcePos toScript(SourcePos relative) {
        return relative.relativeTo(origin);
    }
}
