package dev.runnel.jdbc.impl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.proto.Common;

/**
 * What a statement's execution said besides its rows or count — its message ({@code created
 * stream s}, {@code started job j ...}) and its warnings — carried from a Runnel server to the
 * remote driver. Avatica's protocol has no place for them, so the server adds them to the
 * response's wire message as protobuf field {@link #FIELD} (a field Avatica does not know and
 * skips: other Avatica clients are not disturbed), and the driver's HTTP client
 * ({@link RunnelHttpClientFactory}) takes them out into a registry keyed by connection and
 * statement id, where the statement finds them. Thread-safe.
 */
public final class ResultNotes {
    /** The wire message's field number that carries the notes. */
    public static final int FIELD = 1000;
    /** Bounds the registry: the oldest notes go first. */
    private static final int MAX_ENTRIES = 10_000;
    /** Notes per "connectionId/statementId", the oldest first; replaced by each execution's. */
    private static final Map<String, Notes> NOTES = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Notes> eldest) {
                    return size() > MAX_ENTRIES;
                }
            });

    /** A statement's message (or null) and warnings. */
    public record Notes(String connectionId, int statementId, String message, List<String> warnings) {
        public Notes {
            warnings = List.copyOf(warnings);
        }
    }

    private ResultNotes() {}

    /** The bytes of {@code notes} for the wire. */
    public static byte[] encode(Notes notes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(notes.connectionId());
            out.writeInt(notes.statementId());
            out.writeBoolean(notes.message() != null);
            if (notes.message() != null) {
                writeLong(out, notes.message());
            }
            out.writeInt(notes.warnings().size());
            for (String w : notes.warnings()) {
                writeLong(out, w);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    static Notes decode(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String connection = in.readUTF();
            int statement = in.readInt();
            String message = in.readBoolean() ? readLong(in) : null;
            int n = in.readInt();
            List<String> warnings = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                warnings.add(readLong(in));
            }
            return new Notes(connection, statement, message, warnings);
        }
    }

    /** A server's response with {@code notes} added to its wire message. */
    public static byte[] attach(byte[] response, Notes notes) {
        Common.WireMessage wire;
        try {
            wire = Common.WireMessage.parseFrom(response);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return response;
        }
        com.google.protobuf.UnknownFieldSet extra = com.google.protobuf.UnknownFieldSet.newBuilder()
                .addField(FIELD, com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(com.google.protobuf.ByteString.copyFrom(encode(notes))).build())
                .build();
        return wire.toBuilder().setUnknownFields(extra).build().toByteArray();
    }

    /** Client side: takes the notes out of a parsed response, if it has any, into the registry. */
    static void collect(Common.WireMessage wire) {
        com.google.protobuf.UnknownFieldSet.Field f = wire.getUnknownFields().getField(FIELD);
        if (f == null || f.getLengthDelimitedList().isEmpty()) {
            return;
        }
        try {
            Notes notes = decode(f.getLengthDelimitedList().get(0).toByteArray());
            NOTES.put(key(notes.connectionId(), notes.statementId()), notes);
        } catch (IOException e) {
            // not notes this driver understands: ignore them
        }
    }

    /** The newest notes of a statement, or null. */
    static Notes of(String connectionId, int statementId) {
        return NOTES.get(key(connectionId, statementId));
    }

    /** Forgets a statement's notes (it closed, or runs again). */
    static void forget(String connectionId, int statementId) {
        NOTES.remove(key(connectionId, statementId));
    }

    private static String key(String connectionId, int statementId) {
        return connectionId + "/" + statementId;
    }

    /** writeUTF is limited to 64 KB; messages and warnings may be longer. */
    private static void writeLong(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readLong(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
