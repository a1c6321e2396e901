package dev.runnel.exec.source;

import dev.runnel.exec.arrow.ArrowTypes;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.MetadataColumns;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Which columns a scan outputs, in its order: each output column is a payload column to decode or
 * one of the metadata columns ({@code _partition}, {@code _offset}, {@code _timestamp},
 * {@code _append_time}, {@code _watermark}) the scan fills from the log. {@code ScanNode.columns()}
 * index {@link RelationDef#fullRow()}.
 *
 * <p>Event time: when the relation has a {@code WATERMARK} and the scan outputs its event-time
 * column or {@code _watermark}, the scan tracks watermarks ({@link #tracksTime()}). If it outputs
 * {@code _watermark} but not the event-time column, that column is still decoded, into one hidden
 * column after the output columns: batches are decoded into {@link #decodeSchema()} and emitted as
 * the {@link #view} of the output columns. Immutable.
 */
final class ScanProjection {
    /** Metadata column kinds, by their index after the payload columns. */
    static final int PARTITION = 0;
    static final int OFFSET = 1;
    static final int TIMESTAMP = 2;
    static final int APPEND_TIME = 3;
    static final int WATERMARK = 4;

    private final RelationDef relation;
    private final Schema schema;
    private final Schema decodeSchema;
    private final int outputColumns;
    private final int[] payloadColumns;
    private final int[] payloadOutputs;
    private final int[] metadataOutputs = {-1, -1, -1, -1, -1};
    private final int timeOutput;
    private final int opOutput;

    ScanProjection(ScanNode scan) {
        this(scan, false);
    }

    /**
     * @param changes whether the batches end in a change-kind column ({@code $op}, INT) after the
     *                scan's columns: a continuous scan of a TABLE, which reads changes
     */
    ScanProjection(ScanNode scan, boolean changes) {
        this.relation = scan.relation();
        int payload = relation.columns().size();
        int full = payload + MetadataColumns.ALL.size();
        List<Integer> cols = new ArrayList<>();
        List<Integer> outs = new ArrayList<>();
        for (int j = 0; j < scan.columns().size(); j++) {
            int c = scan.columns().get(j);
            if (c < 0 || c >= full) {
                throw new IllegalArgumentException("scan column " + c + " is not in the " + full + " columns of '"
                        + relation.name() + "'");
            }
            if (c < payload) {
                cols.add(c);
                outs.add(j);
            } else {
                metadataOutputs[c - payload] = j;
            }
        }
        List<Column> outputs = new ArrayList<>(scan.schema().size() == scan.columns().size() ? scan.schema().columns()
                : scan.columns().stream().map(i -> relation.fullRow().get(i)).toList());
        if (changes) {
            outputs.add(new Column("$op", DataType.of(TypeKind.INT).notNull()));
        }
        this.opOutput = changes ? scan.columns().size() : -1;
        this.outputColumns = outputs.size();
        this.schema = ArrowTypes.toSchema(outputs);
        int time = relation.watermark().map(WatermarkSpec::column).orElse(-1);
        int timeAt = time < 0 ? -1 : cols.indexOf(time);
        boolean wantsTime = time >= 0 && (timeAt >= 0 || metadataOutputs[WATERMARK] >= 0)
                && relation.columns().get(time).type().kind() == TypeKind.TIMESTAMP;
        if (wantsTime && timeAt < 0) {
            cols.add(time);
            outs.add(outputColumns);
            List<Field> fields = new ArrayList<>(schema.getFields());
            fields.add(ArrowTypes.toField(new Column("$event_time", DataType.of(TypeKind.TIMESTAMP))));
            this.decodeSchema = new Schema(fields);
            this.timeOutput = outputColumns;
        } else {
            this.decodeSchema = schema;
            this.timeOutput = wantsTime ? outs.get(timeAt) : -1;
        }
        this.payloadColumns = cols.stream().mapToInt(Integer::intValue).toArray();
        this.payloadOutputs = outs.stream().mapToInt(Integer::intValue).toArray();
    }

    RelationDef relation() {
        return relation;
    }

    /** The change-kind vector of a decoded batch, or null when the scan reads no changes. */
    org.apache.arrow.vector.IntVector op(VectorSchemaRoot decoded) {
        return opOutput < 0 ? null : (org.apache.arrow.vector.IntVector) decoded.getVector(opOutput);
    }

    /** The Arrow schema of the output batches. */
    Schema schema() {
        return schema;
    }

    /** The schema batches are decoded into: the output columns, then the hidden event-time column if any. */
    Schema decodeSchema() {
        return decodeSchema;
    }

    /** Whether the scan tracks event time (see the class comment). */
    boolean tracksTime() {
        return timeOutput >= 0;
    }

    /** The event-time vector of a batch of {@link #decodeSchema()}, or null if time is not tracked. */
    TimeStampMilliVector eventTime(VectorSchemaRoot decoded) {
        return timeOutput < 0 ? null : (TimeStampMilliVector) decoded.getVector(timeOutput);
    }

    /**
     * The output columns of a batch of {@link #decodeSchema()}: the batch itself, or a view sharing
     * its vectors without the hidden column (not to be closed; the batch owns the vectors).
     */
    VectorSchemaRoot view(VectorSchemaRoot decoded) {
        if (decodeSchema == schema) {
            return decoded;
        }
        List<FieldVector> vectors = decoded.getFieldVectors().subList(0, outputColumns);
        return new VectorSchemaRoot(schema.getFields(), new ArrayList<>(vectors), decoded.getRowCount());
    }

    /** Payload columns to decode, in decode order. */
    int[] payloadColumns() {
        return payloadColumns;
    }

    /** The vectors of a decoded batch receiving {@link #payloadColumns()}, same order. */
    FieldVector[] payloadTargets(VectorSchemaRoot out) {
        FieldVector[] v = new FieldVector[payloadOutputs.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = out.getVector(payloadOutputs[j]);
        }
        return v;
    }

    /** Vectors of a decoded batch indexed by payload column, null where the column is not decoded. */
    FieldVector[] vectorsByPayloadColumn(VectorSchemaRoot out) {
        FieldVector[] v = new FieldVector[relation.columns().size()];
        for (int j = 0; j < payloadColumns.length; j++) {
            v[payloadColumns[j]] = out.getVector(payloadOutputs[j]);
        }
        return v;
    }

    /** The output vector of a metadata column kind, or null if not projected. */
    FieldVector metadata(VectorSchemaRoot out, int kind) {
        int j = metadataOutputs[kind];
        return j < 0 ? null : out.getVector(j);
    }
}
