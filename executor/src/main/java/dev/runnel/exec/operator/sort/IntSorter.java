package dev.runnel.exec.operator.sort;

/** Stable merge sort of an {@code int[]} (row indices) by a comparator, without boxing. Stateless. */
public final class IntSorter {
    /** Orders two ints. */
    public interface IntComparator {
        int compare(int a, int b);
    }

    private static final int INSERTION_THRESHOLD = 24;

    private IntSorter() {}

    public static void sort(int[] a, int from, int to, IntComparator c) {
        int[] tmp = from == 0 ? java.util.Arrays.copyOf(a, to) : a.clone(); // scratch for [from, to) only
        mergeSort(tmp, a, from, to, c);
    }

    /** Sorts {@code dst[from..to)}, using {@code src} (same contents) as scratch. */
    private static void mergeSort(int[] src, int[] dst, int from, int to, IntComparator c) {
        int n = to - from;
        if (n <= INSERTION_THRESHOLD) {
            for (int i = from + 1; i < to; i++) {
                int x = dst[i];
                int j = i - 1;
                while (j >= from && c.compare(dst[j], x) > 0) {
                    dst[j + 1] = dst[j];
                    j--;
                }
                dst[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(dst, src, from, mid, c);
        mergeSort(dst, src, mid, to, c);
        if (c.compare(src[mid - 1], src[mid]) <= 0) {
            System.arraycopy(src, from, dst, from, n);
            return;
        }
        for (int i = from, p = from, q = mid; i < to; i++) {
            if (q >= to || (p < mid && c.compare(src[p], src[q]) <= 0)) {
                dst[i] = src[p++];
            } else {
                dst[i] = src[q++];
            }
        }
    }
}
