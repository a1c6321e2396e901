package dev.runnel.exec.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * How far a COPY of one file into one relation got, saved after every batch so a re-run resumes
 * instead of loading rows twice.
 *
 * <h2>Record layout (topic {@code __copy_progress})</h2>
 * Key: {@code <target lower-case> NUL <absolute file path>} (UTF-8). Value: a JSON object
 * <pre>
 * {"target": "bids", "path": "/data/bids.csv", "size": 1234, "mtime": 1767225600000,
 *  "batch_rows": 65536,
 *  "bytes_done": 789, "next_line": 1001,            where the next batch starts in the file
 *  "rows_read": 1000, "rows_loaded": 990, "rows_rejected": 10,
 *  "round_robin": 2,                                the sink's next round-robin partition
 *  "end_offsets": [10, 20, 30, 40], "dlq_end": 10,  target and dead-letter end offsets after the batch
 *  "complete": false}
 * </pre>
 * Immutable.
 */
record CopyCheckpoint(String target, String path, long size, long mtime, int batchRows, long bytesDone, long nextLine,
        long rowsRead, long rowsLoaded, long rowsRejected, int roundRobin, long[] endOffsets, long dlqEnd,
        boolean complete) {
    private static final ObjectMapper JSON = new ObjectMapper();

    byte[] toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("target", target).put("path", path).put("size", size).put("mtime", mtime).put("batch_rows", batchRows)
                .put("bytes_done", bytesDone).put("next_line", nextLine).put("rows_read", rowsRead)
                .put("rows_loaded", rowsLoaded).put("rows_rejected", rowsRejected).put("round_robin", roundRobin);
        ArrayNode ends = o.putArray("end_offsets");
        for (long e : endOffsets) {
            ends.add(e);
        }
        o.put("dlq_end", dlqEnd).put("complete", complete);
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CopyCheckpoint fromJson(byte[] value) {
        try {
            JsonNode o = JSON.readTree(value);
            JsonNode ends = o.get("end_offsets");
            long[] endOffsets = new long[ends.size()];
            for (int i = 0; i < endOffsets.length; i++) {
                endOffsets[i] = ends.get(i).asLong();
            }
            return new CopyCheckpoint(o.get("target").asText(), o.get("path").asText(), o.get("size").asLong(),
                    o.get("mtime").asLong(), o.get("batch_rows").asInt(), o.get("bytes_done").asLong(),
                    o.get("next_line").asLong(), o.get("rows_read").asLong(), o.get("rows_loaded").asLong(),
                    o.get("rows_rejected").asLong(), o.get("round_robin").asInt(), endOffsets, o.get("dlq_end").asLong(),
                    o.get("complete").asBoolean());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a COPY checkpoint: " + e.getMessage(), e);
        }
    }

    /** Whether the file is still the one this checkpoint was taken of. */
    boolean sameFile(long fileSize, long fileMtime) {
        return size == fileSize && mtime == fileMtime;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyCheckpoint c && Arrays.equals(toJson(), c.toJson());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toJson());
    }

    @Override
    public String toString() {
        return new String(toJson(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
