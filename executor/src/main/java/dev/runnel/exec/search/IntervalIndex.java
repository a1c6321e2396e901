package dev.runnel.exec.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Closed intervals {@code [lo, hi]} of {@code long}s, each with an int (a conjunction id), answering
 * "which intervals contain v" in O(log n + matches): a centered interval tree. Each node keeps the
 * intervals that contain its center twice, sorted by {@code lo} ascending and by {@code hi}
 * descending, so a probe left of the center reads the first list until {@code lo > v} and a probe
 * right of it the second until {@code hi < v}. Built once from {@link #add}ed intervals; probing
 * allocates nothing.
 */
final class IntervalIndex {
    /** Receives the ids of the intervals that contain a probed value. */
    interface Hits {
        void hit(int id);
    }

    private long[] los = new long[8];
    private long[] his = new long[8];
    private int[] ids = new int[8];
    private int size;
    private Node root;

    private static final class Node {
        long center;
        long[] byLo;       // lo of the intervals containing center, ascending
        int[] byLoIds;
        long[] byHi;       // hi of the same intervals, descending
        int[] byHiIds;
        Node left;
        Node right;
    }

    void add(long lo, long hi, int id) {
        if (lo > hi) {
            return; // empty: contains nothing
        }
        if (size == los.length) {
            los = Arrays.copyOf(los, size * 2);
            his = Arrays.copyOf(his, size * 2);
            ids = Arrays.copyOf(ids, size * 2);
        }
        los[size] = lo;
        his[size] = hi;
        ids[size] = id;
        size++;
    }

    void freeze() {
        List<Integer> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(i);
        }
        root = build(all);
    }

    boolean isEmpty() {
        return size == 0;
    }

    private Node build(List<Integer> items) {
        if (items.isEmpty()) {
            return null;
        }
        // the center: the median of the intervals' midpoints
        long[] mids = new long[items.size()];
        for (int i = 0; i < mids.length; i++) {
            int k = items.get(i);
            mids[i] = (los[k] >> 1) + (his[k] >> 1) + (los[k] & his[k] & 1);
        }
        Arrays.sort(mids);
        Node n = new Node();
        n.center = mids[mids.length / 2];
        List<Integer> left = new ArrayList<>();
        List<Integer> right = new ArrayList<>();
        List<Integer> here = new ArrayList<>();
        for (int k : items) {
            if (his[k] < n.center) {
                left.add(k);
            } else if (los[k] > n.center) {
                right.add(k);
            } else {
                here.add(k);
            }
        }
        Integer[] byLo = here.toArray(new Integer[0]);
        Arrays.sort(byLo, (a, b) -> Long.compare(los[a], los[b]));
        Integer[] byHi = here.toArray(new Integer[0]);
        Arrays.sort(byHi, (a, b) -> Long.compare(his[b], his[a]));
        n.byLo = new long[byLo.length];
        n.byLoIds = new int[byLo.length];
        n.byHi = new long[byHi.length];
        n.byHiIds = new int[byHi.length];
        for (int i = 0; i < byLo.length; i++) {
            n.byLo[i] = los[byLo[i]];
            n.byLoIds[i] = ids[byLo[i]];
            n.byHi[i] = his[byHi[i]];
            n.byHiIds[i] = ids[byHi[i]];
        }
        n.left = build(left);
        n.right = build(right);
        return n;
    }

    /** Calls {@code hits} with the id of every interval containing {@code v}. */
    void probe(long v, Hits hits) {
        Node n = root;
        while (n != null) {
            if (v < n.center) {
                long[] lo = n.byLo;
                for (int i = 0; i < lo.length && lo[i] <= v; i++) {
                    hits.hit(n.byLoIds[i]);
                }
                n = n.left;
            } else if (v > n.center) {
                long[] hi = n.byHi;
                for (int i = 0; i < hi.length && hi[i] >= v; i++) {
                    hits.hit(n.byHiIds[i]);
                }
                n = n.right;
            } else {
                for (int id : n.byLoIds) {
                    hits.hit(id);
                }
                return;
            }
        }
    }
}
