package dev.runnel.exec.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A deterministic Debezium history of a {@code users (id, name, city)} table, the table input of
 * the regular join goldens ({@code streaming/joins/users.json}, one change event a line): users
 * 100..259 read by the connector's initial snapshot ({@code op: r}; the bidders of {@code streaming/data/bids.csv} are 100..299, so some bids find
 * no user), then changes: updates (a new city or name, sometimes a NULL city), deletes and
 * inserts, of new users and of users deleted before. Stateless.
 *
 * <p>Regenerate (the file is committed and {@link RegularJoinGoldenTest} checks it still matches):
 * {@code java -cp executor/target/test-classes dev.runnel.exec.golden.JoinUsers
 * executor/src/test/resources/streaming/joins/users.json}
 */
public final class JoinUsers {
    static final long SEED = 20260126L;
    private static final String[] NAMES = {"ann", "bo", "cy", "dee", "ed", "flo", "gus", "hal", "ivy", "jo"};
    private static final String[] CITIES = {"Oslo", "Rome", "Lima", "Kyiv", "Pune", null};

    private JoinUsers() {}

    static String json() {
        SplittableRandom random = new SplittableRandom(SEED);
        TreeMap<Long, String[]> users = new TreeMap<>();
        StringBuilder out = new StringBuilder();
        for (long id = 100; id < 260; id++) {
            String[] u = {NAMES[random.nextInt(NAMES.length)], CITIES[random.nextInt(CITIES.length - 1)]};
            users.put(id, u);
            event(out, id, null, u, "r"); // the connector's snapshot of the table
        }
        for (int i = 0; i < 400; i++) {
            int dice = random.nextInt(10);
            List<Long> ids = new ArrayList<>(users.keySet());
            long id = ids.get(random.nextInt(ids.size()));
            String[] before = users.get(id);
            if (dice < 5) {
                String[] after = random.nextBoolean()
                        ? new String[] {before[0], CITIES[random.nextInt(CITIES.length)]}
                        : new String[] {NAMES[random.nextInt(NAMES.length)], before[1]};
                users.put(id, after);
                event(out, id, before, after, "u");
            } else if (dice < 7 && users.size() > 80) {
                users.remove(id);
                event(out, id, before, null, "d");
            } else {
                long fresh = 100 + random.nextInt(160);
                if (!users.containsKey(fresh)) {
                    String[] u = {NAMES[random.nextInt(NAMES.length)], CITIES[random.nextInt(CITIES.length)]};
                    users.put(fresh, u);
                    event(out, fresh, null, u, "c");
                }
            }
        }
        return out.toString();
    }

    private static void event(StringBuilder out, long id, String[] before, String[] after, String op) {
        out.append("{\"before\":").append(row(id, before)).append(",\"after\":").append(row(id, after))
                .append(",\"op\":\"").append(op).append("\"}\n");
    }

    private static String row(long id, String[] u) {
        if (u == null) {
            return "null";
        }
        return "{\"id\":" + id + ",\"name\":\"" + u[0] + "\",\"city\":" + (u[1] == null ? "null" : "\"" + u[1] + "\"")
                + "}";
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "executor/src/test/resources/streaming/joins/users.json");
        Files.writeString(file, json(), StandardCharsets.UTF_8);
    }
}
