package dev.runnel.exec.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The choice of standbys: deterministic, never the holder, as many as asked when there are enough members. */
class StandbyStatesTest {
    private static Map<String, Set<Integer>> members() {
        Map<String, Set<Integer>> m = new TreeMap<>();
        m.put("runnel_h_1_0_1-6f1c", Set.of(0, 3));
        m.put("runnel_h_2_0_2-a9e2", Set.of(1, 4));
        m.put("runnel_h_3_0_3-0c77", Set.of(2, 5));
        return m;
    }

    @Test
    void eachTaskGetsTheAskedNumberOfStandbysAmongTheMembersThatDoNotHoldIt() {
        Map<String, Set<Integer>> members = members();
        for (int replicas = 1; replicas <= 3; replicas++) {
            Map<String, Set<Integer>> standbys = StandbyStates.choose(members, 6, replicas);
            for (int task = 0; task < 6; task++) {
                int t = task;
                long count = standbys.values().stream().filter(s -> s.contains(t)).count();
                assertThat(count).isEqualTo(Math.min(replicas, 2)); // 3 members, one holds the task
                members.forEach((m, held) -> {
                    if (held.contains(t)) {
                        assertThat(standbys.getOrDefault(m, Set.of())).doesNotContain(t);
                    }
                });
            }
        }
        assertThat(StandbyStates.choose(members, 6, 0)).isEmpty();
    }

    @Test
    void everyProcessComputesTheSameChoiceWhateverOrderItSeesTheMembersIn() {
        Map<String, Set<Integer>> reversed = new LinkedHashMap<>();
        java.util.List<String> names = new java.util.ArrayList<>(members().keySet());
        java.util.Collections.reverse(names);
        names.forEach(k -> reversed.put(k, members().get(k)));
        assertThat(StandbyStates.choose(reversed, 6, 1)).isEqualTo(StandbyStates.choose(members(), 6, 1));
    }

    @Test
    void aMemberJoiningTakesOnlyTheStandbysItOutranks() {
        Map<String, Set<Integer>> before = StandbyStates.choose(members(), 64, 1);
        Map<String, Set<Integer>> more = members();
        more.put("runnel_h_4_0_4-77aa", Set.of()); // a fourth member holding nothing yet
        Map<String, Set<Integer>> after = StandbyStates.choose(more, 64, 1);
        // rendezvous hashing: a task's standby changes only if the new member outranks it
        for (String m : members().keySet()) {
            assertThat(before.getOrDefault(m, Set.of())).containsAll(after.getOrDefault(m, Set.of()));
        }
        assertThat(after.get("runnel_h_4_0_4-77aa")).isNotEmpty();
    }
}
