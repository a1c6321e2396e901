package dev.runnel.exec.operator.window;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte layout of the open sessions of a {@link SessionWindowState}, key by key: the key count
 * (int); per key id its session count (int); per session, in the order the key lists them (which
 * decides how merges pick their target), its start, end and id (longs), whether it fired (boolean)
 * and its row indices ({@code IntList.snapshot}). A session's key is its list's index. Stateless.
 */
final class SessionSnapshot {
    private SessionSnapshot() {}

    static void write(DataOutputStream out, List<List<Session>> byKey) throws IOException {
        out.writeInt(byKey.size());
        for (List<Session> sessions : byKey) {
            out.writeInt(sessions.size());
            for (Session s : sessions) {
                out.writeLong(s.start);
                out.writeLong(s.end);
                out.writeLong(s.id);
                out.writeBoolean(s.fired);
                s.rows.snapshot(out);
            }
        }
    }

    /** The sessions per key id, as {@link #write} wrote them. */
    static List<List<Session>> read(DataInputStream in) throws IOException {
        int keys = StateIO.readCount(in, "session keys");
        List<List<Session>> byKey = new ArrayList<>(keys);
        for (int key = 0; key < keys; key++) {
            int n = StateIO.readCount(in, "sessions of a key");
            List<Session> sessions = new ArrayList<>(Math.max(2, n));
            for (int i = 0; i < n; i++) {
                long start = in.readLong();
                long end = in.readLong();
                Session s = new Session(start, end, key, in.readLong());
                s.fired = in.readBoolean();
                s.rows.restore(in);
                sessions.add(s);
            }
            byKey.add(sessions);
        }
        return byKey;
    }
}
