package dev.runnel.planner.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    private static final List<String> COLUMNS = List.of("auction", "bidder", "price", "channel", "url", "date_time");

    @Test
    void typosFindTheClosestName() {
        assertThat(DidYouMean.closest("pricee", COLUMNS)).contains("price");
        assertThat(DidYouMean.closest("PRCIE", COLUMNS)).contains("price");
        assertThat(DidYouMean.closest("acution", COLUMNS)).contains("auction");
        assertThat(DidYouMean.closest("datetime", COLUMNS)).contains("date_time");
        assertThat(DidYouMean.closest("ulr", COLUMNS)).contains("url");
    }

    @Test
    void farOffNamesGetNoSuggestion() {
        assertThat(DidYouMean.closest("zzz", COLUMNS)).isEmpty();
        assertThat(DidYouMean.closest("x", COLUMNS)).isEmpty();
        assertThat(DidYouMean.suffix("quantity", COLUMNS)).isEmpty();
        assertThat(DidYouMean.closest("price", List.of())).isEmpty();
    }

    @Test
    void suffixReadsAsAQuestion() {
        assertThat(DidYouMean.suffix("bidz", List.of("bids", "users"))).isEqualTo(" (did you mean 'bids'?)");
    }

    @Test
    void distanceCountsTranspositionsOnce() {
        assertThat(DidYouMean.distance("abcd", "abdc")).isEqualTo(1);
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
    }
}
