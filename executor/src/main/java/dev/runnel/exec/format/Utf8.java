package dev.runnel.exec.format;

/** UTF-8 checks and encoding on byte and char ranges, ASCII first, without allocating. Stateless. */
public final class Utf8 {
    private Utf8() {}

    /** Whether {@code len} bytes from {@code off} are well-formed UTF-8 (no overlongs or surrogates). */
    public static boolean isValid(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xff;
            int need;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                need = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + need >= end) {
                return false;
            }
            int cp = c & (0x3f >> need);
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (cc & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return false;
            }
            i += need + 1;
        }
        return true;
    }

    /** Number of code points in valid UTF-8. */
    public static int codePoints(byte[] b, int off, int len) {
        int n = 0;
        for (int i = off; i < off + len; i++) {
            if ((b[i] & 0xc0) != 0x80) {
                n++;
            }
        }
        return n;
    }

    /** Appends chars as UTF-8; an unpaired surrogate becomes U+FFFD. */
    public static void encode(char[] c, int off, int len, ByteBuilder out) {
        out.ensureSpace(len);
        int end = off + len;
        for (int i = off; i < end; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                out.append((byte) ch);
            } else if (ch < 0x800) {
                out.append((byte) (0xc0 | (ch >> 6))).append((byte) (0x80 | (ch & 0x3f)));
            } else if (Character.isHighSurrogate(ch) && i + 1 < end && Character.isLowSurrogate(c[i + 1])) {
                int cp = Character.toCodePoint(ch, c[++i]);
                out.append((byte) (0xf0 | (cp >> 18))).append((byte) (0x80 | ((cp >> 12) & 0x3f)))
                        .append((byte) (0x80 | ((cp >> 6) & 0x3f))).append((byte) (0x80 | (cp & 0x3f)));
            } else if (Character.isSurrogate(ch)) {
                out.append((byte) 0xef).append((byte) 0xbf).append((byte) 0xbd);
            } else {
                out.append((byte) (0xe0 | (ch >> 12))).append((byte) (0x80 | ((ch >> 6) & 0x3f)))
                        .append((byte) (0x80 | (ch & 0x3f)));
            }
        }
    }
}
