package dev.runnel.exec.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.embedded.EmbeddedLogStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standing searches in the catalog log: the event's round trip, and put/drop surviving a reopen. */
class SearchCatalogTest {
    @TempDir
    Path dir;

    static SearchDef search(String name, long... starts) {
        List<Long> offsets = java.util.Arrays.stream(starts).boxed().toList();
        return new SearchDef(name, "Bids", "price > 10 AND channel = 'web'",
                "CREATE SEARCH " + name + " ON Bids WHERE price > 10 AND channel = 'web'", offsets);
    }

    @Test
    void aSearchEventDecodesToTheSameDefinition() {
        SearchDef s = search("big", 12, 0, 7);
        assertThat(CatalogEvents.decode(CatalogEvents.search(s))).isEqualTo(new CatalogEvents.Search(s));
    }

    @Test
    void searchesSurviveAReopenInCreationOrderAndDropsAreKept() {
        try (EmbeddedLogStore store = EmbeddedLogStore.open(StoreOptions.at(dir).withoutBackgroundThreads())) {
            CatalogStore catalog = CatalogStore.open(store);
            catalog.putSearch(search("zeta", 1));
            catalog.putSearch(search("Alpha", 2, 3));
            catalog.putSearch(search("gone", 4));
            catalog.dropSearch("GONE");
            assertThat(catalog.search("ALPHA")).contains(search("Alpha", 2, 3));
        }
        try (EmbeddedLogStore store = EmbeddedLogStore.open(StoreOptions.at(dir).withoutBackgroundThreads())) {
            CatalogStore catalog = CatalogStore.open(store);
            assertThat(catalog.searches()).containsExactly(search("zeta", 1), search("Alpha", 2, 3));
            assertThat(catalog.search("gone")).isEmpty();
            assertThat(catalog.all()).isEmpty(); // searches are not relations
        }
    }
}
