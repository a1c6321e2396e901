package dev.runnel.exec.engine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A process of a Runnel cluster for {@link ClusterChildProcessTest}: opens an engine with
 * {@code --kafka BOOTSTRAP --cluster NAME --data-dir DIR} (its arguments, in that order), prints
 * {@code ready}, then runs one statement per line of standard input in one session and answers
 * each with {@code row: a|b}, {@code ok: message} or {@code error: SQLSTATE message}, then
 * {@code done}. Ends at the end of its input (closing the engine) or when killed.
 */
public final class ClusterChildMain {
    private ClusterChildMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        EngineConfig config = EngineConfig.kafka(KafkaBackend.at(args[0]), Path.of(args[2])).withCluster(args[1]);
        try (Engine engine = Engines.open(config); Session s = engine.openSession()) {
            out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                try (StatementResult r = s.execute(line)) {
                    if (r instanceof UpdateResult u) {
                        out.println("ok: " + u.message());
                    } else {
                        RowResult rows = (RowResult) r;
                        for (List<Object[]> chunk = rows.fetch(100); !chunk.isEmpty(); chunk = rows.fetch(100)) {
                            for (Object[] row : chunk) {
                                StringBuilder b = new StringBuilder("row: ");
                                for (int i = 0; i < row.length; i++) {
                                    b.append(i == 0 ? "" : "|").append(row[i]);
                                }
                                out.println(b);
                            }
                        }
                    }
                } catch (dev.runnel.sql.RunnelSqlException e) {
                    out.println("error: " + e.sqlState() + " " + e.getMessage().replace('\n', ' '));
                }
                out.println("done");
            }
        }
    }
}
