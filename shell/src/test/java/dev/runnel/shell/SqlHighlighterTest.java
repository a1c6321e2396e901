package dev.runnel.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

/** Which parts of a statement the shell colours as it is typed. */
class SqlHighlighterTest {
    private final SqlHighlighter highlighter = new SqlHighlighter(List.of("STREAM", "TUMBLE", "WATERMARK"));

    private static AttributedStyle styleOf(AttributedString s, String text, String part) {
        return s.styleAt(text.indexOf(part));
    }

    @Test
    void keywordsStringsNumbersAndCommentsEachHaveTheirStyle() {
        String sql = "select STREAM auction, 'it''s', 4.5e3 FROM bids -- note\nWHERE \"select\" > 10 /* c */";
        AttributedString s = highlighter.highlight(sql);
        assertThat(s.toString()).isEqualTo(sql); // only styles change, never the text
        assertThat(styleOf(s, sql, "select")).isEqualTo(SqlHighlighter.KEYWORD); // any case
        assertThat(styleOf(s, sql, "STREAM")).isEqualTo(SqlHighlighter.KEYWORD); // the driver's keywords too
        assertThat(styleOf(s, sql, "auction")).isEqualTo(AttributedStyle.DEFAULT);
        assertThat(s.styleAt(sql.indexOf("'it''s'") + 4)).isEqualTo(SqlHighlighter.STRING); // a doubled quote stays inside
        assertThat(s.styleAt(sql.indexOf("4.5e3") + 4)).isEqualTo(SqlHighlighter.NUMBER);
        assertThat(styleOf(s, sql, "note")).isEqualTo(SqlHighlighter.COMMENT);
        assertThat(styleOf(s, sql, "WHERE")).isEqualTo(SqlHighlighter.KEYWORD); // the comment ended with its line
        assertThat(s.styleAt(sql.indexOf("\"select\"") + 1)).isEqualTo(AttributedStyle.DEFAULT); // a quoted name
        assertThat(styleOf(s, sql, "10")).isEqualTo(SqlHighlighter.NUMBER);
        assertThat(styleOf(s, sql, " c ")).isEqualTo(SqlHighlighter.COMMENT);
    }

    @Test
    void unfinishedInputIsStyledToItsEnd() {
        String sql = "SELECT 'unclosed, 1 FROM";
        AttributedString s = highlighter.highlight(sql);
        assertThat(s.styleAt(sql.length() - 1)).isEqualTo(SqlHighlighter.STRING);
        assertThat(highlighter.highlight("x1 + t2_3").styleAt(1)).isEqualTo(AttributedStyle.DEFAULT); // digits in names
    }
}
