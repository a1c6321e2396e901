package dev.runnel.exec.search;

import dev.runnel.exec.expr.CompiledFilter;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Matches a batch of events against many standing searches without evaluating every condition on
 * every event (a percolator). Each condition is split into conjunctions ({@link Conjunctions}); in
 * each, one conjunct is the <em>access path</em> and goes into the index of its column
 * ({@link AccessPath}): equality (hash), a token match (token hash), {@code LIKE 'prefix%'}
 * (prefix hash) or a range on a numeric column (interval tree), in that order of preference; among
 * equalities, the one whose value the fewest conjunctions share (so {@code channel = 'web' AND
 * bidder = 7} is found through the bidder). A batch is matched column by column: each indexed column's values probe its index,
 * giving candidate (row, conjunction) pairs; a candidate is then verified on the conjunction's other
 * simple conjuncts ({@link Atom}, in place) and its residual (the conjuncts that are not simple,
 * one compiled filter, evaluated over the batch only when a candidate needs it). Conjunctions
 * without a simple conjunct are evaluated on every event. A search's matches count only on events
 * at or past its start offsets. The result, {@link #match}, is the (row, search) pairs in row order,
 * then search order, each once. Built once per set of searches; single-threaded.
 */
public final class SearchIndex {
    /** Builds the residual filter of a conjunction (its conjuncts that are not atoms, ANDed). */
    public interface Residuals extends Function<Expr, CompiledFilter> {}

    private final List<StandingSearch> searches;
    private final List<String> names;
    private final int partitionColumn;
    private final int offsetColumn;
    private final int[] conjSearch;
    private final Atom[][] conjVerify;
    private final int[] conjResidual;
    private final CompiledFilter[] residuals;
    private final AccessPath[] paths;
    private final int[] scanConjs;
    private final Map<String, Integer> pathCounts = new LinkedHashMap<>();
    /** How many conjunctions compare each (column, value) for equality: the fewer, the better the access path. */
    private final Map<String, Integer> equalities = new HashMap<>();

    private final Candidates candidates = new Candidates();
    private FieldVector[] vectors = new FieldVector[0];
    private boolean[][] residualRows;
    private int[] residualBatch;
    private int batchNumber;
    private int[] selection = new int[0];
    private long[] pairs = new long[1024];
    private int pairCount;

    /**
     * @param columns the event columns (the searched stream's full row)
     * @param partitionColumn where {@code _partition} is among them, or -1 (then start offsets are ignored)
     * @param offsetColumn where {@code _offset} is, or -1
     * @param indexed false to evaluate every conjunction on every event (the naive way, for comparison)
     */
    public SearchIndex(List<StandingSearch> searches, List<Column> columns, int partitionColumn, int offsetColumn,
            Residuals residualFilters, boolean indexed) {
        List<DataType> types = columns.stream().map(Column::type).toList();
        this.names = columns.stream().map(Column::name).toList();
        this.searches = List.copyOf(searches);
        this.partitionColumn = partitionColumn;
        this.offsetColumn = offsetColumn;
        List<Integer> search = new ArrayList<>();
        List<Atom[]> verify = new ArrayList<>();
        List<Integer> residual = new ArrayList<>();
        List<CompiledFilter> filters = new ArrayList<>();
        Map<Expr, Integer> filterIds = new HashMap<>();
        Map<String, AccessPath> byKey = new LinkedHashMap<>();
        List<Integer> scans = new ArrayList<>();
        List<List<List<Expr>>> split = new ArrayList<>();
        for (StandingSearch s : this.searches) {
            List<List<Expr>> conjunctions = Conjunctions.of(s.condition());
            split.add(conjunctions);
            for (List<Expr> conjunction : conjunctions) {
                for (Expr e : conjunction) {
                    String k = equalityKey(Atom.of(e, types));
                    if (k != null) {
                        equalities.merge(k, 1, Integer::sum);
                    }
                }
            }
        }
        for (int s = 0; s < this.searches.size(); s++) {
            conjunctions:
            for (List<Expr> conjunction : split.get(s)) {
                List<Atom> atoms = new ArrayList<>();
                List<Expr> rest = new ArrayList<>();
                for (Expr e : conjunction) {
                    Atom a = Atom.of(e, types);
                    if (a == Atom.NEVER) {
                        continue conjunctions; // never TRUE
                    }
                    if (a == null) {
                        rest.add(e);
                    } else {
                        atoms.add(a);
                    }
                }
                int id = search.size();
                search.add(s);
                if (rest.isEmpty()) {
                    residual.add(-1);
                } else {
                    Expr r = rest.size() == 1 ? rest.get(0)
                            : new Call(Operator.AND, rest, DataType.of(TypeKind.BOOLEAN));
                    residual.add(filterIds.computeIfAbsent(r, x -> {
                        filters.add(residualFilters.apply(x));
                        return filters.size() - 1;
                    }));
                }
                if (!indexed || !index(atoms, id, types, byKey)) {
                    scans.add(id);
                    pathCounts.merge("scan", 1, Integer::sum);
                }
                verify.add(atoms.toArray(new Atom[0]));
            }
        }
        conjSearch = search.stream().mapToInt(Integer::intValue).toArray();
        conjVerify = verify.toArray(new Atom[0][]);
        conjResidual = residual.stream().mapToInt(Integer::intValue).toArray();
        residuals = filters.toArray(new CompiledFilter[0]);
        residualRows = new boolean[residuals.length][];
        residualBatch = new int[residuals.length];
        Arrays.fill(residualBatch, -1);
        paths = byKey.values().toArray(new AccessPath[0]);
        for (AccessPath p : paths) {
            if (p instanceof AccessPath.Equal e) {
                e.map.freeze();
            } else if (p instanceof AccessPath.Range r) {
                r.intervals.freeze();
            } else {
                ((AccessPath.Text) p).map.freeze();
            }
        }
        scanConjs = scans.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Puts conjunction {@code id} into the index of its best atom, removing that atom (for a range,
     * every range atom of its column) from {@code atoms}; false when no atom is indexable.
     */
    private boolean index(List<Atom> atoms, int id, List<DataType> types, Map<String, AccessPath> byKey) {
        Atom best = null;
        int bestRank = Integer.MAX_VALUE;
        int bestShared = Integer.MAX_VALUE;
        for (Atom a : atoms) {
            int rank = rank(a);
            int shared = rank == 0 ? equalities.getOrDefault(equalityKey(a), 0) : 0;
            if (rank != Integer.MAX_VALUE && (rank < bestRank || rank == bestRank && shared < bestShared)) {
                best = a;
                bestRank = rank;
                bestShared = shared;
            }
        }
        if (best == null) {
            return false;
        }
        int col = best.column;
        if (best instanceof Atom.Numeric n && n.op == Atom.Op.EQ) {
            AccessPath.Equal p = (AccessPath.Equal) byKey.computeIfAbsent("eq:" + col,
                    k -> new AccessPath.Equal(col, n.kind));
            p.map.add(n.k, id);
            atoms.remove(best);
            count("equal", types, col);
        } else if (best instanceof Atom.Text t) {
            text(byKey, "text:", col, AccessPath.Text.Mode.EQUAL).map.add(t.k, id);
            atoms.remove(best);
            count("equal", types, col);
        } else if (best instanceof Atom.Token t) {
            text(byKey, "token:", col, AccessPath.Text.Mode.TOKEN).map.add(t.word, id);
            atoms.remove(best);
            count("token", types, col);
        } else if (best instanceof Atom.Prefix p) {
            AccessPath.Text path = text(byKey, "prefix:", col, AccessPath.Text.Mode.PREFIX);
            path.map.add(p.prefix, id);
            path.addLength(p.prefix.length);
            atoms.remove(best);
            count("prefix", types, col);
        } else if (best instanceof Atom.Like l) { // found by its prefix, still checked whole
            AccessPath.Text path = text(byKey, "prefix:", col, AccessPath.Text.Mode.PREFIX);
            path.map.add(l.prefix, id);
            path.addLength(l.prefix.length);
            count("prefix", types, col);
        } else {
            Atom.Numeric n = (Atom.Numeric) best;
            long lo = Long.MIN_VALUE;
            long hi = Long.MAX_VALUE;
            for (var it = atoms.iterator(); it.hasNext(); ) {
                Atom a = it.next();
                if (a.column == col && a instanceof Atom.Numeric r && rank(r) == RANGE) {
                    lo = Math.max(lo, r.lo());
                    hi = Math.min(hi, r.hi());
                    it.remove();
                }
            }
            AccessPath.Range p = (AccessPath.Range) byKey.computeIfAbsent("range:" + col,
                    k -> new AccessPath.Range(col, n.kind));
            p.intervals.add(lo, hi, id);
            count("range", types, col);
        }
        return true;
    }

    private static final int RANGE = 3;

    /** "column=value" for an equality atom, else null. */
    private static String equalityKey(Atom a) {
        if (a instanceof Atom.Numeric n && n.op == Atom.Op.EQ) {
            return n.column + "=" + n.k;
        }
        if (a instanceof Atom.Text t && t.op == Atom.Op.EQ) {
            return t.column + "='" + new String(t.k, java.nio.charset.StandardCharsets.UTF_8);
        }
        return null;
    }

    private static int rank(Atom a) {
        if (a instanceof Atom.Numeric n) {
            return n.op == Atom.Op.EQ ? 0 : n.op == Atom.Op.NE ? Integer.MAX_VALUE : RANGE;
        }
        if (a instanceof Atom.Text t) {
            return t.op == Atom.Op.EQ ? 0 : Integer.MAX_VALUE;
        }
        if (a instanceof Atom.Like l) {
            return l.prefix.length > 0 ? 2 : Integer.MAX_VALUE;
        }
        return a instanceof Atom.Token ? 1 : a instanceof Atom.Prefix ? 2 : Integer.MAX_VALUE;
    }

    private static AccessPath.Text text(Map<String, AccessPath> byKey, String kind, int col,
            AccessPath.Text.Mode mode) {
        return (AccessPath.Text) byKey.computeIfAbsent(kind + col, k -> new AccessPath.Text(col, mode));
    }

    private void count(String kind, List<DataType> types, int col) {
        pathCounts.merge(kind + "(" + names.get(col) + ")", 1, Integer::sum);
    }

    /** How many conjunctions each access path holds: {@code equal(channel)}, {@code range(price)}, ..., {@code scan}. */
    public Map<String, Integer> pathCounts() {
        return pathCounts;
    }

    public List<StandingSearch> searches() {
        return searches;
    }

    /**
     * Matches the rows of {@code batch}; returns how many (row, search) pairs {@link #row} and
     * {@link #search} give, ordered by row, then search (the order of the list given).
     */
    public int match(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        batchNumber++;
        pairCount = 0;
        if (vectors.length != batch.getFieldVectors().size()) {
            vectors = new FieldVector[batch.getFieldVectors().size()];
        }
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = batch.getVector(i);
        }
        candidates.clear();
        for (AccessPath p : paths) {
            p.probe(vectors[p.column], rows, candidates);
        }
        int[] cRows = candidates.rows;
        int[] cIds = candidates.ids;
        for (int i = 0; i < candidates.size; i++) {
            int c = cIds[i];
            int r = cRows[i];
            if (verify(c, r, batch, rows)) {
                pair(r, conjSearch[c]);
            }
        }
        for (int c : scanConjs) {
            int res = conjResidual[c];
            boolean[] pass = res < 0 ? null : residualRows(res, batch, rows);
            for (int r = 0; r < rows; r++) {
                if ((pass == null || pass[r]) && atoms(c, r)) {
                    pair(r, conjSearch[c]);
                }
            }
        }
        if (pairCount > 1) {
            Arrays.sort(pairs, 0, pairCount);
            int kept = 1;
            for (int i = 1; i < pairCount; i++) {
                if (pairs[i] != pairs[kept - 1]) {
                    pairs[kept++] = pairs[i];
                }
            }
            pairCount = kept;
        }
        return pairCount;
    }

    /** The row of pair {@code i} of the last {@link #match}. */
    public int row(int i) {
        return (int) (pairs[i] >>> 32);
    }

    /** The search (index into the list given) of pair {@code i}. */
    public int search(int i) {
        return (int) pairs[i];
    }

    private boolean verify(int c, int r, VectorSchemaRoot batch, int rows) {
        if (!atoms(c, r)) {
            return false;
        }
        int res = conjResidual[c];
        return res < 0 || residualRows(res, batch, rows)[r];
    }

    private boolean atoms(int c, int r) {
        for (Atom a : conjVerify[c]) {
            FieldVector v = vectors[a.column];
            if (v.isNull(r) || !a.test(v, r)) {
                return false;
            }
        }
        return true;
    }

    private boolean[] residualRows(int res, VectorSchemaRoot batch, int rows) {
        boolean[] pass = residualRows[res];
        if (residualBatch[res] == batchNumber) {
            return pass;
        }
        if (pass == null || pass.length < rows) {
            pass = new boolean[Math.max(rows, 16)];
            residualRows[res] = pass;
        } else {
            Arrays.fill(pass, 0, rows, false);
        }
        if (selection.length < rows) {
            selection = new int[rows];
        }
        int n = residuals[res].filter(batch, rows, selection);
        for (int i = 0; i < n; i++) {
            pass[selection[i]] = true;
        }
        residualBatch[res] = batchNumber;
        return pass;
    }

    private void pair(int row, int search) {
        long[] start = searches.get(search).startOffsets();
        if (start != null && partitionColumn >= 0 && !vectors[partitionColumn].isNull(row)) {
            int p = ((IntVector) vectors[partitionColumn]).get(row);
            if (p < start.length && ((BigIntVector) vectors[offsetColumn]).get(row) < start[p]) {
                return; // the event came before the search
            }
        }
        if (pairCount == pairs.length) {
            pairs = Arrays.copyOf(pairs, pairCount * 2);
        }
        pairs[pairCount++] = ((long) row << 32) | search;
    }
}
