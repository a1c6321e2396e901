package dev.runnel.exec.source;

import dev.runnel.exec.arrow.ArrowTypes;
import dev.runnel.planner.catalog.MetadataColumns;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.physical.ScanNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Which columns a scan outputs, in its order: each output column is a payload column to decode or
 * one of the metadata columns ({@code _partition}, {@code _offset}, {@code _timestamp},
 * {@code _append_time}) the scan fills from the log. {@code ScanNode.columns()} index
 * {@link RelationDef#fullRow()}. Immutable.
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
    private final int[] payloadColumns;
    private final int[] payloadOutputs;
    private final int[] metadataOutputs = {-1, -1, -1, -1, -1};

    ScanProjection(ScanNode scan) {
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
        this.payloadColumns = cols.stream().mapToInt(Integer::intValue).toArray();
        this.payloadOutputs = outs.stream().mapToInt(Integer::intValue).toArray();
        this.schema = scan.schema().size() == scan.columns().size() ? ArrowTypes.toSchema(scan.schema())
                : ArrowTypes.toSchema(scan.columns().stream().map(i -> relation.fullRow().get(i)).toList());
    }

    RelationDef relation() {
        return relation;
    }

    /** The Arrow schema of the output batches. */
    Schema schema() {
        return schema;
    }

    /** Payload columns to decode, in output order. */
    int[] payloadColumns() {
        return payloadColumns;
    }

    /** The output vectors receiving {@link #payloadColumns()}, same order. */
    FieldVector[] payloadTargets(VectorSchemaRoot out) {
        FieldVector[] v = new FieldVector[payloadOutputs.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = out.getVector(payloadOutputs[j]);
        }
        return v;
    }

    /** Output vectors indexed by payload column, null where the column is not projected. */
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
