package dev.runnel.exec.bench;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.CompiledFilter;
import dev.runnel.exec.expr.CompiledProjection;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The compute part of {@code SELECT auction, bidder, price FROM bid WHERE price > X} (or with
 * {@code channel} instead of {@code bidder}) over in-memory Arrow batches of Nexmark-shaped bids,
 * 4096 rows each: a compiled filter fills a selection vector, a compiled projection writes three
 * output vectors. Score is input rows per second. Run: {@code mvn -Pbench -pl executor verify
 * -DskipTests -Djmh.args='FilterProject -f 1 -wi 2 -i 3'}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class FilterProjectBenchmark {
    static final int ROWS = 4096;
    static final int BATCHES = 32;
    static final long MAX_PRICE = 10_000_000;

    /** Fraction of rows the filter keeps. */
    @Param({"0.5"})
    public double selectivity;

    /** Projected columns: three BIGINTs, or two BIGINTs and a VARCHAR. */
    @Param({"longs", "withVarchar"})
    public String columns;

    private BufferAllocator allocator;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();
    private CompiledFilter filter;
    private CompiledProjection projection;
    private VectorSchemaRoot out;
    private FieldVector[] outVectors;
    private final int[] selection = new int[ROWS];

    static RowSchema bidSchema() {
        return new RowSchema(List.of(new Column("auction", DataType.of(TypeKind.BIGINT)),
                new Column("bidder", DataType.of(TypeKind.BIGINT)), new Column("price", DataType.of(TypeKind.BIGINT)),
                new Column("channel", DataType.varchar()), new Column("url", DataType.varchar()),
                new Column("date_time", DataType.of(TypeKind.TIMESTAMP)), new Column("extra", DataType.varchar())));
    }

    @Setup(Level.Trial)
    public void setUp() {
        allocator = new RootAllocator();
        RowSchema schema = bidSchema();
        Random r = new Random(42);
        String[] channels = {"Google", "Facebook", "Baidu", "Apple"};
        for (int b = 0; b < BATCHES; b++) {
            VectorSchemaRoot root = Vectors.newRoot(schema, allocator);
            Vectors.allocate(root, ROWS);
            BigIntVector auction = (BigIntVector) root.getVector(0);
            BigIntVector bidder = (BigIntVector) root.getVector(1);
            BigIntVector price = (BigIntVector) root.getVector(2);
            VarCharVector channel = (VarCharVector) root.getVector(3);
            VarCharVector url = (VarCharVector) root.getVector(4);
            TimeStampMilliVector time = (TimeStampMilliVector) root.getVector(5);
            VarCharVector extra = (VarCharVector) root.getVector(6);
            for (int i = 0; i < ROWS; i++) {
                auction.set(i, 1000 + r.nextInt(10_000));
                bidder.set(i, 2000 + r.nextInt(100_000));
                price.set(i, 1 + (long) (r.nextDouble() * MAX_PRICE));
                channel.setSafe(i, channels[r.nextInt(channels.length)].getBytes(StandardCharsets.UTF_8));
                url.setSafe(i, ("https://www.nexmark.com/item.htm?query=1&channel_id=" + r.nextInt(1000))
                        .getBytes(StandardCharsets.UTF_8));
                time.set(i, 1_700_000_000_000L + b * 10_000L + i);
                extra.setSafe(i, "".getBytes(StandardCharsets.UTF_8));
            }
            root.setRowCount(ROWS);
            batches.add(root);
        }
        DataType bigint = DataType.of(TypeKind.BIGINT);
        long threshold = (long) (MAX_PRICE * (1 - selectivity));
        Expr condition = new Call(Operator.GREATER_THAN, List.of(new InputRef(2, bigint), new Literal(threshold, bigint)),
                DataType.of(TypeKind.BOOLEAN));
        List<Expr> exprs = columns.equals("longs")
                ? List.of(new InputRef(0, bigint), new InputRef(1, bigint), new InputRef(2, bigint))
                : List.of(new InputRef(0, bigint), new InputRef(2, bigint), new InputRef(3, DataType.varchar()));
        List<Column> outCols = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            outCols.add(new Column("c" + i, exprs.get(i).type()));
        }
        ExprCompiler compiler = new ExprCompiler();
        OperatorContext ctx = new OperatorContext(allocator, List.of(), Clock.systemUTC());
        filter = compiler.filter(condition, schema, ctx);
        projection = compiler.projection(exprs, schema, ctx);
        if (compiler.stats().fallbacks() != 0) {
            throw new IllegalStateException("expressions were not compiled");
        }
        out = Vectors.newRoot(new RowSchema(outCols), allocator);
        outVectors = out.getFieldVectors().toArray(new FieldVector[0]);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS * BATCHES)
    public int filterProject() {
        int total = 0;
        for (int b = 0; b < BATCHES; b++) {
            VectorSchemaRoot batch = batches.get(b);
            int n = filter.filter(batch, ROWS, selection);
            projection.project(batch, selection, 0, n, outVectors);
            out.setRowCount(n);
            total += n;
        }
        return total;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.close();
        for (VectorSchemaRoot b : batches) {
            b.close();
        }
        allocator.close();
    }
}
