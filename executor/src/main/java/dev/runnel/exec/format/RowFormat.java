package dev.runnel.exec.format;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import java.util.List;

/**
 * How a relation's payload columns are stored in its topic: {@link ColumnarFormat} keeps a block
 * of rows per log payload batch; the {@link RecordFormat}s ({@link JsonFormat}, {@link CsvFormat})
 * keep one row per log record ({@link DebeziumJsonFormat}: one change event). Encoders take Arrow batches whose vectors are exactly the payload
 * columns, in order; decoders fill vectors of a chosen subset of them.
 *
 * <p>Instances are immutable configuration plus per-instance scratch buffers: use one per thread.
 */
public sealed interface RowFormat permits ColumnarFormat, RecordFormat {

    /** The payload columns, in storage order. */
    List<Column> columns();

    /** A new codec for the relation's format, configured by its WITH options (csv delimiter, null). */
    static RowFormat of(RelationDef relation) {
        return switch (relation.storage().format()) {
            case COLUMNAR -> new ColumnarFormat(relation.columns());
            case JSON -> new JsonFormat(relation.columns());
            case CSV -> new CsvFormat(relation.columns(), CsvFormat.Options.fromRelationOptions(relation.options()));
            case DEBEZIUM_JSON -> new DebeziumJsonFormat(relation.columns(), relation.primaryKey());
        };
    }
}
