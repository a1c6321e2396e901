package dev.runnel.exec.expr;

import dev.runnel.exec.expr.codegen.ClassGenerator;
import dev.runnel.exec.expr.codegen.ClassGenerator.Generated;
import dev.runnel.exec.expr.fn.SqlErrors;
import dev.runnel.exec.expr.fn.Utf8;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/**
 * Compiles expressions over an input schema to Java classes (Janino) that evaluate whole Arrow
 * batches, caching the classes by expressions and input types in a bounded LRU cache; hands out one
 * instance per caller bound to its parameters and clock. When a class fails to compile (e.g. a
 * method grows past the JVM's 64 KiB limit) it falls back to the {@link ExprInterpreter}.
 * Expressions the executor does not support fail with a {@link RunnelSqlException} (0A000) either way.
 * Thread-safe.
 */
public final class ExprCompiler {
    private static final System.Logger LOG = System.getLogger(ExprCompiler.class.getName());
    /**
     * Generated sources longer than this are not handed to Janino: their methods would pass the
     * JVM's 64 KiB limit anyway, and Janino's memory use grows steeply on the way there.
     */
    static final int MAX_SOURCE_CHARS = 250_000;

    private final int capacity;
    private final Map<Key, Entry> cache;
    private long hits;
    private long compilations;
    private long fallbacks;

    private record Key(boolean filter, List<Expr> exprs, List<DataType> inputTypes) {}

    /** A compiled class (constructor null when compilation failed and the interpreter stands in). */
    private record Entry(Constructor<?> constructor, Object[] constants, Map<Integer, DataType> parameters) {}

    /** Cache counters, for tests and metrics. */
    public record Stats(long hits, long compilations, long fallbacks, int cached) {}

    public ExprCompiler() {
        this(512);
    }

    /** @param capacity the most compiled classes kept (least recently used go first) */
    public ExprCompiler(int capacity) {
        this.capacity = capacity;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > ExprCompiler.this.capacity;
            }
        };
    }

    /** A filter for {@code condition} (BOOLEAN) over rows of {@code input}, bound to {@code ctx}'s parameters and clock. */
    public CompiledFilter filter(Expr condition, RowSchema input, OperatorContext ctx) {
        Entry e = entry(new Key(true, List.of(condition), input.types()));
        if (e.constructor == null) {
            return new InterpretedFilter(condition, ctx.parameters(), ctx.clock());
        }
        return (CompiledFilter) instantiate(e, ctx.parameters(), ctx.clock());
    }

    /** A projection computing {@code exprs} (one output vector each) over rows of {@code input}. */
    public CompiledProjection projection(List<Expr> exprs, RowSchema input, OperatorContext ctx) {
        Entry e = entry(new Key(false, List.copyOf(exprs), input.types()));
        if (e.constructor == null) {
            return new InterpretedProjection(exprs, ctx.parameters(), ctx.clock());
        }
        return (CompiledProjection) instantiate(e, ctx.parameters(), ctx.clock());
    }

    /** The Java source a filter compiles to (for debugging and tests). */
    public static String filterSource(Expr condition, RowSchema input) {
        return ClassGenerator.filter(condition, input.types()).source();
    }

    /** The Java source a projection compiles to (for debugging and tests). */
    public static String projectionSource(List<Expr> exprs, RowSchema input) {
        return ClassGenerator.projection(exprs, input.types()).source();
    }

    public synchronized Stats stats() {
        return new Stats(hits, compilations, fallbacks, cache.size());
    }


    private Entry entry(Key key) {
        synchronized (this) {
            Entry e = cache.get(key);
            if (e != null) {
                hits++;
                return e;
            }
        }
        Entry e = compile(key);
        synchronized (this) {
            compilations++;
            if (e.constructor == null) {
                fallbacks++;
            }
            cache.put(key, e);
        }
        return e;
    }

    private static Entry compile(Key key) {
        Generated g;
        try {
            g = key.filter ? ClassGenerator.filter(key.exprs.get(0), key.inputTypes)
                    : ClassGenerator.projection(key.exprs, key.inputTypes);
        } catch (RunnelSqlException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(System.Logger.Level.WARNING, "expression code generation failed, interpreting instead: " + e);
            return new Entry(null, null, null);
        }
        if (g.source().length() > MAX_SOURCE_CHARS) {
            LOG.log(System.Logger.Level.INFO, "expression too large to compile (" + g.source().length()
                    + " chars of Java), interpreting instead");
            return new Entry(null, null, null);
        }
        try {
            SimpleCompiler compiler = new SimpleCompiler();
            compiler.setParentClassLoader(ExprCompiler.class.getClassLoader());
            compiler.cook(g.source());
            Class<?> cls = compiler.getClassLoader().loadClass(g.className());
            Constructor<?> ctor = cls.getConstructor(Object[].class, Object[].class, Clock.class);
            return new Entry(ctor, g.constants(), g.parameters());
        } catch (CompileException | ClassNotFoundException | NoSuchMethodException | RuntimeException
                | StackOverflowError e) {
            LOG.log(System.Logger.Level.WARNING, "expression compilation failed, interpreting instead: " + e);
            return new Entry(null, null, null);
        }
    }

    private static Object instantiate(Entry e, List<Object> parameters, Clock clock) {
        int size = 0;
        for (int i : e.parameters.keySet()) {
            size = Math.max(size, i + 1);
        }
        Object[] p = new Object[size];
        for (Map.Entry<Integer, DataType> param : e.parameters.entrySet()) {
            Object v = SqlValues.coerce(parameter(parameters, param.getKey()), param.getValue());
            p[param.getKey()] = param.getValue().kind() == TypeKind.VARCHAR && v != null ? Utf8.encode((String) v) : v;
        }
        try {
            return e.constructor.newInstance(e.constants, p, clock);
        } catch (InvocationTargetException ex) {
            if (ex.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(ex.getCause());
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The bound value of parameter {@code index}, or a data error when it has none. */
    static Object parameter(List<Object> parameters, int index) {
        if (index >= parameters.size()) {
            throw SqlErrors.data("no value bound for parameter " + (index + 1));
        }
        return parameters.get(index);
    }
}
