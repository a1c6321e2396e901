package dev.runnel.sql.statement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies WITH (...) options into an unmodifiable map that keeps the order they were written in. */
final class Options {
    private Options() {}

    static Map<String, String> copyOf(Map<String, String> options) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
