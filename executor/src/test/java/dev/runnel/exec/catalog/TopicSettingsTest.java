package dev.runnel.exec.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.testing.Relations;
import dev.runnel.log.CleanupPolicy;
import dev.runnel.log.FsyncPolicy;
import dev.runnel.log.TopicConfig;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.sql.RunnelSqlException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {
    @Test
    void retentionTextsBecomeMilliseconds() {
        assertThat(Durations.parseMillis("retention", "7 days")).isEqualTo(7L * 86_400_000);
        assertThat(Durations.parseMillis("retention", "12 h")).isEqualTo(12L * 3_600_000);
        assertThat(Durations.parseMillis("retention", "30 min")).isEqualTo(30L * 60_000);
        assertThat(Durations.parseMillis("retention", "10 s")).isEqualTo(10_000);
        assertThat(Durations.parseMillis("retention", "1 DAY")).isEqualTo(86_400_000);
        assertThat(Durations.parseMillis("retention", "250ms")).isEqualTo(250);
        assertThat(Durations.parseMillis("retention", "forever")).isEqualTo(-1);
        assertThatThrownBy(() -> Durations.parseMillis("retention", "a while")).isInstanceOf(RunnelSqlException.class)
                .hasMessageContaining("retention 'a while' is not a duration");
    }

    @Test
    void streamsDeleteTablesCompactAndStorageOptionsPassThrough() {
        RelationDef s = Relations.bids(Format.COLUMNAR, 4);
        s = new RelationDef(s.name(), s.kind(), s.columns(), s.primaryKey(), s.watermark(), s.storage(),
                Map.of("retention", "12 h", "fsync", "interval", "compression", "lz4"), s.sql());
        TopicConfig c = TopicSettings.forRelation(s);
        assertThat(c.partitions()).isEqualTo(4);
        assertThat(c.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
        assertThat(c.retentionMs()).isEqualTo(12L * 3_600_000);
        assertThat(c.fsync()).isEqualTo(FsyncPolicy.INTERVAL);
        assertThat(TopicSettings.forDeadLetters(s).partitions()).isEqualTo(1);
        assertThat(TopicSettings.deadLetterTopic(s)).isEqualTo("bids.dlq");

        RelationDef t = Relations.table("users", Relations.bidColumns(), java.util.List.of(0), 2);
        assertThat(TopicSettings.forRelation(t).cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
        RelationDef kept = new RelationDef(t.name(), t.kind(), t.columns(), t.primaryKey(), t.watermark(), t.storage(),
                Map.of("retention", "30 min"), t.sql());
        assertThat(TopicSettings.forRelation(kept).cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT_DELETE);
        RelationDef badFsync = new RelationDef(t.name(), t.kind(), t.columns(), t.primaryKey(), t.watermark(),
                t.storage(), Map.of("fsync", "sometimes"), t.sql());
        assertThatThrownBy(() -> TopicSettings.forRelation(badFsync)).hasMessageContaining("invalid storage option of 'users'");
    }
}
