package dev.runnel.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> STATEMENTS = List.of("SELECT", "INSERT", "CREATE", "DROP", "SHOW", "SET", "RESET");

    @Test
    void distanceCountsInsertionsDeletionsSubstitutionsAndAdjacentSwapsIgnoringCase() {
        assertThat(Suggestions.distance("select", "SELECT")).isZero();
        assertThat(Suggestions.distance("SELEC", "SELECT")).isEqualTo(1);
        assertThat(Suggestions.distance("SELECTT", "SELECT")).isEqualTo(1);
        assertThat(Suggestions.distance("STREEM", "STREAM")).isEqualTo(1);
        assertThat(Suggestions.distance("FORM", "FROM")).isEqualTo(1);
        assertThat(Suggestions.distance("", "ABC")).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void suggestsTheClosestCandidateWithinTheTypoLimit() {
        assertThat(Suggestions.closest("SELEC", STATEMENTS)).contains("SELECT");
        assertThat(Suggestions.closest("drpo", STATEMENTS)).contains("DROP");
        assertThat(Suggestions.closest("UPSERT", STATEMENTS)).contains("INSERT");
    }

    @Test
    void suggestsNothingForDistantShortOrIdenticalWords() {
        assertThat(Suggestions.closest("FOO", STATEMENTS)).isEmpty();
        assertThat(Suggestions.closest("DELETE", STATEMENTS)).isEmpty();
        assertThat(Suggestions.closest("SE", STATEMENTS)).isEmpty();
        assertThat(Suggestions.closest("select", STATEMENTS)).isEmpty();
    }

    @Test
    void tieGoesToTheEarlierCandidate() {
        assertThat(Suggestions.closest("SEST", List.of("SET", "REST"))).contains("SET");
    }
}
