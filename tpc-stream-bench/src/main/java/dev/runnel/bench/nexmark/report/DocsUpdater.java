package dev.runnel.bench.nexmark.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts the latest Markdown summary into a docs page: between the markers
 * {@code <!-- nexmark-results:begin -->} and {@code <!-- nexmark-results:end -->} if the page has them
 * (what is around them is left alone), else appended under a new "## Nexmark" heading.
 */
public final class DocsUpdater {
    static final String BEGIN = "<!-- nexmark-results:begin (written by bin/runnel-bench nexmark; edits inside are lost) -->";
    static final String END = "<!-- nexmark-results:end -->";

    private DocsUpdater() {}

    public static void update(Path page, String markdown) throws IOException {
        String old = Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : "";
        Files.writeString(page, replace(old, markdown), StandardCharsets.UTF_8);
    }

    static String replace(String page, String markdown) {
        String block = BEGIN + "\n\n" + markdown.strip() + "\n\n" + END;
        int b = page.indexOf(BEGIN.substring(0, 30));
        int e = page.indexOf(END);
        if (b >= 0 && e > b) {
            return page.substring(0, b) + block + page.substring(e + END.length());
        }
        String sep = page.isEmpty() || page.endsWith("\n\n") ? "" : page.endsWith("\n") ? "\n" : "\n\n";
        return page + sep + "## Nexmark\n\n" + block + "\n";
    }
}
