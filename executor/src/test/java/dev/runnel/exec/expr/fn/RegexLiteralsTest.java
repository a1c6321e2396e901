package dev.runnel.exec.expr.fn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegexLiteralsTest {
    @Test
    void theLiteralEveryMatchNeedsIsFoundAtTheTopLevelOnly() {
        assertThat(RegexLiterals.required("(&|^)channel_id=([^&]*)")).isEqualTo("channel_id=");
        assertThat(RegexLiterals.required("x(y)z")).isEqualTo("x");
        assertThat(RegexLiterals.required("abc+d")).isEqualTo("abc");
        assertThat(RegexLiterals.required("abcd?e")).isEqualTo("abc"); // d is optional
        assertThat(RegexLiterals.required("abc{0,2}xy")).isEqualTo("ab"); // the bound is not literal text
        assertThat(RegexLiterals.required("[abc]+def")).isEqualTo("def");
        assertThat(RegexLiterals.required("a\\.bcd")).isEqualTo("bcd");
    }

    @Test
    void nothingIsRequiredWhereAMatchCanDoWithoutIt() {
        assertThat(RegexLiterals.required("abc|def")).isEmpty();
        assertThat(RegexLiterals.required("(?i)abc")).isEmpty();
        assertThat(RegexLiterals.required("\\Qa.b\\E")).isEmpty();
        assertThat(RegexLiterals.required("(abc)")).isEmpty();
        assertThat(RegexLiterals.required("a*")).isEmpty();
        assertThat(RegexLiterals.required("[a-c]+")).isEmpty();
        assertThat(RegexLiterals.required("😀?x")).isEqualTo("");
    }

    @Test
    void everyMatchContainsTheLiteral() {
        String[] regexes = {"(&|^)channel_id=([^&]*)", "ab+c", "x(y|z)*w", "[xy]{2}ab?", "a.b.c"};
        String[] inputs = {"q=1&channel_id=7", "abbbc", "xw", "xyzw", "xyab", "xya", "a1b2c", "channel_id"};
        for (String regex : regexes) {
            String lit = RegexLiterals.required(regex);
            for (String in : inputs) {
                java.util.regex.Matcher m = Pattern.compile(regex).matcher(in);
                while (m.find()) {
                    assertThat(m.group()).as(regex + " on " + in).contains(lit);
                }
            }
        }
    }
}
