package dev.runnel.exec.catalog;

import java.util.List;

/**
 * A standing search as the catalog records it: its name, the stream it searches, its condition as
 * written (re-planned when the engine opens), the whole CREATE SEARCH statement, and where it
 * starts: {@code startOffsets.get(p)} is the first offset of partition {@code p} it applies to (the
 * partition's end when the search was created). Immutable.
 */
public record SearchDef(String name, String stream, String condition, String sql, List<Long> startOffsets) {
    public SearchDef {
        startOffsets = List.copyOf(startOffsets);
    }
}
