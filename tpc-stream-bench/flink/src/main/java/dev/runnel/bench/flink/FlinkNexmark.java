package dev.runnel.bench.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.bench.nexmark.gen.GeneratorConfig;
import dev.runnel.bench.nexmark.query.NexmarkQuery;
import dev.runnel.bench.nexmark.report.QueryResult;
import dev.runnel.bench.nexmark.report.RunSample;
import dev.runnel.bench.nexmark.run.ProcessMeter;
import dev.runnel.bench.nexmark.run.RowText;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.utils.TypeConversions;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Flink's side of {@code runnel-bench nexmark}, run by the harness as a child JVM: the queries of
 * {@code nexmark/flink/qN.sql} on Apache Flink 2.3 (streaming mode, one shared MiniCluster,
 * parallelism 1), over the same generated events as Runnel. Per query: warm-up and measured runs,
 * each a fresh table environment whose query is inserted into a blackhole table; then, for the
 * checked queries, the final result (changelog applied) as sorted {@code RowText} lines in a file.
 *
 * <p>Protocol on stdout, one line each: {@code RESULT <QueryResult json>}, {@code CHECK <json>},
 * {@code LOG <text>}. Everything else (Flink's log) goes to stderr.
 */
@Command(name = "flink-nexmark", mixinStandardHelpOptions = true,
        description = "Nexmark queries on Apache Flink (the Flink side of runnel-bench nexmark).")
public final class FlinkNexmark implements Callable<Integer> {
    public static final String ENGINE = "flink";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream PROTOCOL =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

    @Option(names = "--events", required = true)
    long events;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--rate", defaultValue = "10000")
    long rate;

    @Option(names = "--disorder", defaultValue = "1")
    long disorder;

    @Option(names = "--base-time", defaultValue = "" + GeneratorConfig.DEFAULT_BASE_TIME)
    long baseTime;

    @Option(names = "--queries", required = true, split = ",")
    List<String> queries;

    @Option(names = "--warmup", defaultValue = "1")
    int warmup;

    @Option(names = "--runs", defaultValue = "3")
    int runs;

    @Option(names = "--side-input", required = true)
    Path sideInput;

    @Option(names = "--check", split = ",")
    List<String> check = new ArrayList<>();

    @Option(names = "--check-events", defaultValue = "1000000")
    long checkEvents;

    @Option(names = "--check-dir")
    Path checkDir;

    @Option(names = "--conf", description = "Extra Flink option KEY=VALUE (repeatable).")
    Map<String, String> extraConf = new LinkedHashMap<>();

    private final ProcessMeter meter = new ProcessMeter();
    private GeneratorConfig generator;
    private Map<String, String> vars;

    public static void main(String[] args) {
        System.setOut(System.err);
        int code = new CommandLine(new FlinkNexmark()).execute(args);
        PROTOCOL.flush();
        System.exit(code);
    }

    /** Flink options: parallelism 1, UTC, object reuse, and the reference harness's table options. */
    Configuration configuration() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("parallelism.default", "1");
        m.put("table.local-time-zone", "UTC");
        m.put("pipeline.object-reuse", "true");
        m.put("table.exec.mini-batch.enabled", "true");
        m.put("table.exec.mini-batch.allow-latency", "2s");
        m.put("table.exec.mini-batch.size", "50000");
        m.put("table.optimizer.distinct-agg.split.enabled", "true");
        m.putAll(extraConf);
        return Configuration.fromMap(m);
    }

    @Override
    public Integer call() throws Exception {
        generator = GeneratorConfig.defaults().withSeed(seed).withFirstEventRate(rate).withBaseTime(baseTime)
                .withOutOfOrderGroupSize(disorder);
        vars = Map.of("side_input_csv", sideInput.toAbsolutePath().toString());
        Configuration conf = configuration();
        long t0 = System.nanoTime();
        MiniCluster mc = SharedCluster.start(conf, 1);
        log(String.format(Locale.ROOT, "flink: MiniCluster up in %d ms (Flink %s; options %s)",
                (System.nanoTime() - t0) / 1_000_000, org.apache.flink.runtime.util.EnvironmentInformation.getVersion(),
                conf.toMap()));
        try {
            for (String q : queries) {
                QueryResult r = measure(q);
                PROTOCOL.println("RESULT " + JSON.writeValueAsString(r));
            }
            for (String q : check) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("query", q);
                try {
                    c.put("rows", writeRows(q, checkDir.resolve(q + ".rows")));
                } catch (Exception e) {
                    c.put("error", rootMessage(e));
                }
                PROTOCOL.println("CHECK " + JSON.writeValueAsString(c));
                log("flink " + q + ": check " + c);
            }
        } finally {
            SharedCluster.stop(mc);
        }
        return 0;
    }

    private StreamTableEnvironment newEnvironment(long n) {
        Configuration conf = configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env,
                EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
        NexmarkTables.register(env, tEnv, generator, n);
        return tEnv;
    }

    private QueryResult measure(String name) {
        NexmarkQuery q = NexmarkQuery.flink(name, vars);
        List<RunSample> samples = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            boolean warm = i < warmup;
            try {
                StreamTableEnvironment tEnv = newEnvironment(events);
                for (String s : q.setup()) {
                    tEnv.executeSql(s).await();
                }
                System.gc();
                meter.start();
                Table t = tEnv.sqlQuery(q.query());
                TableResult res = t.executeInsert(blackhole(t));
                JobExecutionResult jr = res.getJobClient().orElseThrow().getJobExecutionResult().get();
                ProcessMeter.Sample s = meter.stop();
                RunSample sample = new RunSample(warm ? i + 1 : i - warmup + 1, warm, s.wallNanos(),
                        jr.getNetRuntime(TimeUnit.NANOSECONDS), s.cpuNanos(), s.peakHeapBytes(), -1, -1, s.gcMillis());
                samples.add(sample);
                log(String.format(Locale.ROOT, "flink %s %s %d: %.0f ms (job %.0f ms), %.2f M events/s, "
                        + "%.2f M events/CPU-s", name, warm ? "warm-up" : "run", sample.run(), s.wallNanos() / 1e6,
                        sample.executeNanos() / 1e6, events / (s.wallNanos() / 1e3), events / (s.cpuNanos() / 1e3)));
            } catch (Exception e) {
                String msg = rootMessage(e);
                log("flink " + name + ": failed: " + msg);
                String status = msg.contains("not supported") || msg.contains("doesn't support")
                        || msg.contains("does not support") || msg.contains("Unsupported")
                        ? QueryResult.UNSUPPORTED : QueryResult.ERROR;
                return QueryResult.failed(ENGINE, name, status, msg, events);
            }
        }
        return new QueryResult(ENGINE, name, QueryResult.OK, null, events, samples);
    }

    /** A blackhole table with the query's columns (time attributes made plain timestamps). */
    private static TableDescriptor blackhole(Table t) {
        Schema.Builder schema = Schema.newBuilder();
        List<String> names = t.getResolvedSchema().getColumnNames();
        List<DataType> types = t.getResolvedSchema().getColumnDataTypes();
        for (int i = 0; i < names.size(); i++) {
            LogicalType lt = types.get(i).getLogicalType();
            if (lt instanceof TimestampType ts) {
                lt = new TimestampType(ts.isNullable(), ts.getPrecision());
            } else if (lt instanceof LocalZonedTimestampType lz) {
                lt = new LocalZonedTimestampType(lz.isNullable(), lz.getPrecision());
            }
            schema.column(names.get(i), TypeConversions.fromLogicalToDataType(lt));
        }
        return TableDescriptor.forConnector("blackhole").schema(schema.build()).build();
    }

    /** Runs the query on the check events, applies its changelog and writes the final rows, sorted. */
    private long writeRows(String name, Path file) throws Exception {
        NexmarkQuery q = NexmarkQuery.flink(name, vars);
        StreamTableEnvironment tEnv = newEnvironment(checkEvents);
        for (String s : q.setup()) {
            tEnv.executeSql(s).await();
        }
        TreeMap<String, Long> counts = new TreeMap<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(q.query()).collect()) {
            while (it.hasNext()) {
                Row row = it.next();
                Object[] values = new Object[row.getArity()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = row.getField(i);
                }
                RowKind k = row.getKind();
                long d = k == RowKind.INSERT || k == RowKind.UPDATE_AFTER ? 1 : -1;
                counts.merge(RowText.format(values, null), d, Long::sum);
            }
        }
        long rows = 0;
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                for (long i = 0; i < e.getValue(); i++) {
                    w.write(e.getKey());
                    w.write('\n');
                    rows++;
                }
            }
        }
        return rows;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = t.getMessage() == null ? t.toString() : t.getMessage();
        String msg = root == t ? top : top + " (root cause: " + root + ")";
        return msg.replace('\n', ' ');
    }

    private static void log(String line) {
        PROTOCOL.println("LOG " + line);
    }
}
