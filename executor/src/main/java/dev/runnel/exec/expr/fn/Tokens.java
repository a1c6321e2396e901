package dev.runnel.exec.expr.fn;

import java.nio.charset.StandardCharsets;

/**
 * Tokens of text, for {@code CONTAINS_TOKEN(text, word)} and the token index of standing searches:
 * a token is a maximal run of code points that are letters or digits
 * ({@link Character#isLetterOrDigit(int)}), compared after {@link Character#toLowerCase(int)} per
 * code point. A word matches when it is itself exactly one token equal to one of the text's. The
 * index walks UTF-8 bytes in place ({@link #tokens}); ASCII text never allocates. Stateless.
 */
public final class Tokens {
    private Tokens() {}

    /** Receives the tokens of one value, lower-cased UTF-8 in {@code bytes[0..length)} (valid only during the call). */
    public interface Sink {
        void token(byte[] bytes, int length);
    }

    /** CONTAINS_TOKEN over text. */
    public static boolean containsToken(String text, String word) {
        String w = normalizedWord(word);
        if (w == null) {
            return false;
        }
        int i = 0;
        int n = text.length();
        StringBuilder token = new StringBuilder();
        while (i < n) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                token.appendCodePoint(Character.toLowerCase(cp));
            } else if (token.length() > 0) {
                if (w.contentEquals(token)) {
                    return true;
                }
                token.setLength(0);
            }
        }
        return token.length() > 0 && w.contentEquals(token);
    }

    /** CONTAINS_TOKEN over UTF-8 values (the compiled code's representation). */
    public static boolean containsToken(byte[] text, byte[] word) {
        return containsToken(new String(text, StandardCharsets.UTF_8), new String(word, StandardCharsets.UTF_8));
    }

    /** The word lower-cased, or null when it is not exactly one token (it then matches no text). */
    public static String normalizedWord(String word) {
        if (word.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetterOrDigit(cp)) {
                return null;
            }
            sb.appendCodePoint(Character.toLowerCase(cp));
        }
        return sb.toString();
    }

    /**
     * Calls {@code sink} with each token of the UTF-8 value {@code data[start..end)}, lower-cased,
     * using {@code scratch} (at least {@code end - start} bytes) for ASCII text; text with other
     * characters is decoded.
     */
    public static void tokens(org.apache.arrow.memory.ArrowBuf data, int start, int end, byte[] scratch, Sink sink) {
        int len = 0;
        for (int i = start; i < end; i++) {
            byte b = data.getByte(i);
            if (b < 0) {
                slowTokens(data, start, end, sink);
                return;
            }
            if (b >= 'a' && b <= 'z' || b >= '0' && b <= '9') {
                scratch[len++] = b;
            } else if (b >= 'A' && b <= 'Z') {
                scratch[len++] = (byte) (b + 32);
            } else if (len > 0) {
                sink.token(scratch, len);
                len = 0;
            }
        }
        if (len > 0) {
            sink.token(scratch, len);
        }
    }

    private static void slowTokens(org.apache.arrow.memory.ArrowBuf data, int start, int end, Sink sink) {
        byte[] raw = new byte[end - start];
        data.getBytes(start, raw, 0, raw.length);
        String text = new String(raw, StandardCharsets.UTF_8);
        StringBuilder token = new StringBuilder();
        for (int i = 0; i <= text.length(); ) {
            int cp = i < text.length() ? text.codePointAt(i) : -1;
            i += cp < 0 ? 1 : Character.charCount(cp);
            if (cp >= 0 && Character.isLetterOrDigit(cp)) {
                token.appendCodePoint(Character.toLowerCase(cp));
            } else if (token.length() > 0) {
                byte[] t = token.toString().getBytes(StandardCharsets.UTF_8);
                sink.token(t, t.length);
                token.setLength(0);
            }
        }
    }
}
