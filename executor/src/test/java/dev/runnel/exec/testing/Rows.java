package dev.runnel.exec.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds rows of Java values for tests. */
public final class Rows {
    private Rows() {}

    public static List<Object> row(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    @SafeVarargs
    public static List<List<Object>> rows(List<Object>... rows) {
        return new ArrayList<>(Arrays.asList(rows));
    }
}
