package dev.runnel.log.embedded;

import dev.runnel.log.InvalidTopicException;
import java.util.regex.Pattern;

/** Topic naming rules: what may become a directory name safely. Stateless. */
final class TopicNames {
    private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private TopicNames() {}

    static void validate(String name, boolean internal) {
        if (name == null || name.isEmpty()) {
            throw new InvalidTopicException("topic name must not be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidTopicException("topic name '" + name + "' is not allowed");
        }
        if (!LEGAL.matcher(name).matches()) {
            throw new InvalidTopicException("topic name '" + name + "' is invalid: use 1 to 200 letters, digits, '.', '_' or '-'"
                    + (name.contains("/") || name.contains("\\") ? " (no path separators)" : ""));
        }
        if (name.startsWith(".")) {
            throw new InvalidTopicException("topic name '" + name + "' must not start with '.'");
        }
        if (!internal && name.startsWith("__")) {
            throw new InvalidTopicException("topic names starting with '__' are reserved for internal topics: '" + name + "'");
        }
    }

    static boolean isInternal(String name) {
        return name.startsWith("__");
    }
}
