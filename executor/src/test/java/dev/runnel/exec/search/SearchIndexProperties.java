package dev.runnel.exec.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.InterpretedFilter;
import dev.runnel.planner.expr.Expr;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterProperty;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The index finds exactly the (event, search) pairs that evaluating every search's condition on
 * every event finds (the interpreter is the oracle), for random searches and events, indexed and not.
 */
class SearchIndexProperties {
    private final BufferAllocator allocator = new RootAllocator();

    @AfterProperty
    void close() {
        allocator.close();
    }

    @Property(tries = 200)
    void indexMatchesEqualEvaluatingEveryCondition(@ForAll long seed) {
        RandomSearches gen = new RandomSearches(seed);
        List<StandingSearch> searches = new ArrayList<>();
        int n = 1 + (int) Math.floorMod(seed, 60);
        for (int s = 0; s < n; s++) {
            searches.add(new StandingSearch("s" + s, gen.condition(3), null));
        }
        List<List<Object>> events = gen.events(1 + (int) Math.floorMod(seed >> 8, 200));
        try (VectorSchemaRoot batch = Vectors.fromRows(RandomSearches.SCHEMA, events, allocator)) {
            Set<String> expected = new TreeSet<>();
            int[] selection = new int[events.size()];
            for (int s = 0; s < n; s++) {
                int kept = new InterpretedFilter(searches.get(s).condition(), List.of(), Clock.systemUTC())
                        .filter(batch, events.size(), selection);
                for (int i = 0; i < kept; i++) {
                    expected.add(key(selection[i], s));
                }
            }
            for (boolean indexed : new boolean[] {true, false}) {
                SearchIndex index = new SearchIndex(searches, RandomSearches.SCHEMA.columns(), -1, -1,
                        e -> new InterpretedFilter(e, List.of(), Clock.systemUTC()), indexed);
                for (int round = 0; round < 2; round++) { // a second batch reuses the per-batch state
                    int pairs = index.match(batch);
                    List<String> actual = new ArrayList<>();
                    for (int i = 0; i < pairs; i++) {
                        actual.add(key(index.row(i), index.search(i)));
                    }
                    assertThat(actual).as("indexed=%s, searches %s over %s", indexed, conditions(searches), events)
                            .isSortedAccordingTo(String::compareTo)
                            .containsExactlyElementsOf(expected);
                }
            }
        }
    }

    private static String key(int row, int search) {
        return String.format("%05d/%05d", row, search);
    }

    private static List<Expr> conditions(List<StandingSearch> searches) {
        return searches.stream().map(StandingSearch::condition).toList();
    }
}
