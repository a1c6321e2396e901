package dev.runnel.exec.catalog;

import dev.runnel.log.LogStore;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.sql.RunnelSqlException;

/**
 * Fits a relation's storage format to the log it lives in. The columnar format stores a block of
 * rows as one payload batch standing for many offsets; a log that keeps one offset per record
 * (Kafka, {@link LogStore#supportsPayloadBatches()} false) cannot hold it, so there a stream
 * without a {@code format} option is stored as {@code json} (which other Kafka clients can read
 * too), and an explicit {@code format = 'columnar'} is refused. Stateless.
 */
final class StorageFormats {
    private StorageFormats() {}

    static RelationDef forStore(RelationDef r, LogStore store) {
        if (store.supportsPayloadBatches() || r.storage().format() != Format.COLUMNAR) {
            return r;
        }
        if (TopicSettings.option(r, "format") != null) {
            throw new RunnelSqlException("0A000", "format 'columnar' needs the embedded log (a columnar block stands"
                    + " for many offsets, a Kafka record for one): use format 'json' or 'csv' on Kafka", null);
        }
        StorageSpec s = r.storage();
        StorageSpec json = new StorageSpec(s.topic(), s.partitions(), Format.JSON, s.keyColumns(), s.deadLetterTopic());
        return new RelationDef(r.name(), r.kind(), r.columns(), r.primaryKey(), r.watermark(), json, r.options(),
                r.sql());
    }
}
