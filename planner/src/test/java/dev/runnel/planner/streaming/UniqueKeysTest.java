package dev.runnel.planner.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.testing.Planning;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The unique key of a join's output: kept from the side whose rows each match at most one row of the other. */
class UniqueKeysTest {
    private static Optional<List<Integer>> key(String sql) {
        return UniqueKeys.of(Planning.root(sql));
    }

    @Test
    void aJoinOnTheOtherSidesWholeKeyKeepsThisSidesKey() {
        assertThat(key("SELECT u.id, u.name, o.amount FROM users u JOIN orders o ON o.id = u.id"))
                .contains(List.of(0));
        assertThat(key("SELECT o.amount, u.id, u.name FROM users u LEFT JOIN orders o ON o.id = u.id"))
                .contains(List.of(1));
        assertThat(key("SELECT u.name, o.id FROM users u RIGHT JOIN orders o ON o.id = u.id")).contains(List.of(1));
    }

    @Test
    void joinsThatMayRepeatAKeyOrPadItWithNullsHaveNone() {
        assertThat(key("SELECT u.id, v.id AS other FROM users u JOIN users v ON v.name = u.name")).isEmpty();
        assertThat(key("SELECT u.id, o.id AS other FROM users u FULL JOIN orders o ON o.id = u.id")).isEmpty();
        assertThat(key("SELECT b.auction, u.id FROM bids b JOIN users u ON u.id = b.bidder")).isEmpty();
        assertThat(key("SELECT o.id FROM users u LEFT JOIN orders o ON o.id = u.id")).isEmpty();
    }
}
