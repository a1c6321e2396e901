package dev.runnel.exec.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.cluster.StateChunker.ChunkId;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Content-defined chunk boundaries: within their bounds, the same for the same bytes, and stable around edits. */
class StateChunkerTest {
    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Bytes shaped like operator state: little-endian-ish longs of small values (many zero bytes). */
    private static byte[] longs(int n, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[n * 8];
        for (int i = 0; i < n; i++) {
            long v = r.nextInt(1000);
            for (int j = 0; j < 8; j++) {
                b[i * 8 + j] = (byte) (v >>> (56 - 8 * j));
            }
        }
        return b;
    }

    private static Set<ChunkId> ids(byte[] data) {
        MessageDigest d = StateChunker.digest();
        Set<ChunkId> out = new HashSet<>();
        int from = 0;
        for (int end : StateChunker.boundaries(data, data.length)) {
            out.add(StateChunker.hash(d, data, from, end));
            from = end;
        }
        return out;
    }

    private static double shared(byte[] before, byte[] after) {
        Set<ChunkId> a = ids(before);
        Set<ChunkId> b = ids(after);
        Set<ChunkId> common = new HashSet<>(a);
        common.retainAll(b);
        return (double) common.size() / b.size();
    }

    @Test
    void chunksCoverTheBytesWithinTheirBoundsAndTheSameBytesCutTheSameWay() {
        for (byte[] data : new byte[][] {random(5 << 20, 1), longs(600_000, 2), new byte[3 << 20]}) {
            int[] ends = StateChunker.boundaries(data, data.length);
            assertThat(ends[ends.length - 1]).isEqualTo(data.length);
            int from = 0;
            for (int i = 0; i < ends.length; i++) {
                int len = ends[i] - from;
                assertThat(len).isLessThanOrEqualTo(StateChunker.MAX);
                if (i < ends.length - 1) {
                    assertThat(len).isGreaterThan(StateChunker.MIN);
                }
                from = ends[i];
            }
            assertThat(StateChunker.boundaries(data.clone(), data.length)).isEqualTo(ends);
        }
        int[] randomEnds = StateChunker.boundaries(random(8 << 20, 3), 8 << 20);
        double avg = (8 << 20) / (double) randomEnds.length;
        assertThat(avg).isBetween(40_000.0, 100_000.0); // about the 64 KiB aimed at
        assertThat(StateChunker.boundaries(new byte[0], 0)).isEmpty();
        assertThat(StateChunker.boundaries(new byte[10], 10)).containsExactly(10);
    }

    @Test
    void anInsertionOrDeletionChangesOnlyTheChunksAroundIt() {
        for (byte[] before : new byte[][] {random(4 << 20, 4), longs(500_000, 5)}) {
            int at = before.length / 3;
            byte[] inserted = new byte[before.length + 100];
            System.arraycopy(before, 0, inserted, 0, at);
            Arrays.fill(inserted, at, at + 100, (byte) 7);
            System.arraycopy(before, at, inserted, at + 100, before.length - at);
            assertThat(shared(before, inserted)).isGreaterThan(0.9);
            byte[] deleted = new byte[before.length - 5000];
            System.arraycopy(before, 0, deleted, 0, at);
            System.arraycopy(before, at + 5000, deleted, at, before.length - at - 5000);
            assertThat(shared(before, deleted)).isGreaterThan(0.9);
            byte[] edited = before.clone();
            edited[at] ^= 1;
            edited[2 * at] ^= 1;
            int total = ids(edited).size();
            assertThat(total - Math.round(shared(before, edited) * total)).isBetween(2L, 4L);
        }
    }

    @Test
    void chunkIdsReadBackFromTheirHex() {
        ChunkId id = StateChunker.hash(StateChunker.digest(), random(1000, 6), 0, 1000);
        assertThat(id.hex()).hasSize(32);
        assertThat(ChunkId.parse(id.hex())).isEqualTo(id);
        assertThat(StateChunker.hash(StateChunker.digest(), random(1000, 6), 0, 999)).isNotEqualTo(id);
    }
}
