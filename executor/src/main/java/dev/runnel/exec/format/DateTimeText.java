package dev.runnel.exec.format;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parses and renders TIMESTAMP(3) and DATE text on UTF-8 byte ranges, without {@code java.time}
 * on the common path: TIMESTAMP {@code yyyy-MM-dd HH:mm:ss.SSS} (parsing also takes {@code T} for
 * the space, fewer time fields or fraction digits, more than 3 truncated, a trailing {@code Z} or
 * {@code ±HH:mm} offset converted to UTC, or a bare integer of epoch milliseconds) and DATE
 * {@code yyyy-MM-dd}. Timestamps have no time zone: epoch milliseconds of the wall-clock time read
 * as UTC. Stateless and thread-safe.
 */
public final class DateTimeText {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private DateTimeText() {}

    /** Epoch milliseconds (UTC, no time zone) of a timestamp text or a bare integer. */
    public static long parseTimestamp(byte[] b, int off, int len) throws BadValueException {
        int end = off + len;
        while (off < end && isBlank(b[off])) {
            off++;
        }
        while (end > off && isBlank(b[end - 1])) {
            end--;
        }
        int n = end - off;
        if (n >= 10 && b[off + 4] == '-' && b[off + 7] == '-') {
            long millis = parseDateTime(b, off, end);
            if (millis != Long.MIN_VALUE) {
                return millis;
            }
            throw bad("a TIMESTAMP (yyyy-MM-dd HH:mm:ss.SSS)", b, off, n);
        }
        try {
            return TextValues.parseLong(b, off, n);
        } catch (BadValueException e) {
            throw bad("a TIMESTAMP (yyyy-MM-dd HH:mm:ss.SSS)", b, off, n);
        }
    }

    /** Days since 1970-01-01 of {@code yyyy-MM-dd}. */
    public static int parseDate(byte[] b, int off, int len) throws BadValueException {
        int end = off + len;
        while (off < end && isBlank(b[off])) {
            off++;
        }
        while (end > off && isBlank(b[end - 1])) {
            end--;
        }
        if (end - off == 10 && b[off + 4] == '-' && b[off + 7] == '-') {
            int y = digits(b, off, 4);
            int m = digits(b, off + 5, 2);
            int d = digits(b, off + 8, 2);
            if (y >= 0 && validDate(y, m, d)) {
                return (int) daysFromCivil(y, m, d);
            }
        }
        throw bad("a DATE (yyyy-MM-dd)", b, off, end - off);
    }

    private static long parseDateTime(byte[] b, int off, int end) {
        int y = digits(b, off, 4);
        int mo = digits(b, off + 5, 2);
        int d = digits(b, off + 8, 2);
        if (y < 0 || !validDate(y, mo, d)) {
            return Long.MIN_VALUE;
        }
        int i = off + 10;
        int h = 0;
        int mi = 0;
        int s = 0;
        int ms = 0;
        if (i < end && (b[i] == ' ' || b[i] == 'T' || b[i] == 't')) {
            if (i + 6 > end || b[i + 3] != ':') {
                return Long.MIN_VALUE;
            }
            h = digits(b, i + 1, 2);
            mi = digits(b, i + 4, 2);
            i += 6;
            if (i < end && b[i] == ':') {
                if (i + 3 > end) {
                    return Long.MIN_VALUE;
                }
                s = digits(b, i + 1, 2);
                i += 3;
                if (i < end && b[i] == '.') {
                    i++;
                    int k = 0;
                    for (; i < end && b[i] >= '0' && b[i] <= '9'; i++, k++) {
                        if (k < 3) {
                            ms = ms * 10 + (b[i] - '0');
                        }
                    }
                    if (k == 0 || k > 9) {
                        return Long.MIN_VALUE;
                    }
                    for (; k < 3; k++) {
                        ms *= 10;
                    }
                }
            }
            if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) {
                return Long.MIN_VALUE;
            }
        }
        long offsetMillis = 0;
        if (i < end) {
            if ((b[i] == 'Z' || b[i] == 'z') && i + 1 == end) {
                i++;
            } else if ((b[i] == '+' || b[i] == '-') && (end - i == 6 || end - i == 5 || end - i == 3)) {
                int oh = digits(b, i + 1, 2);
                int om = end - i == 3 ? 0 : digits(b, end - 2, 2);
                if (oh < 0 || oh > 18 || om < 0 || om > 59 || (end - i == 6 && b[i + 3] != ':')) {
                    return Long.MIN_VALUE;
                }
                offsetMillis = (oh * 3600_000L + om * 60_000L) * (b[i] == '-' ? -1 : 1);
                i = end;
            }
        }
        if (i != end) {
            return Long.MIN_VALUE;
        }
        return daysFromCivil(y, mo, d) * MILLIS_PER_DAY + h * 3600_000L + mi * 60_000L + s * 1000L + ms - offsetMillis;
    }

    private static int digits(byte[] b, int off, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = b[off + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static boolean validDate(int y, int m, int d) {
        return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
    }

    private static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    // ---- rendering ----

    /** Appends {@code yyyy-MM-dd HH:mm:ss.SSS} of epoch milliseconds. */
    public static void appendTimestamp(long millis, ByteBuilder out) {
        long days = Math.floorDiv(millis, MILLIS_PER_DAY);
        int inDay = (int) Math.floorMod(millis, MILLIS_PER_DAY);
        if (!appendDate(days, out)) {
            out.appendAscii(LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC).toString());
            return;
        }
        out.append((byte) ' ');
        out.appendPadded(inDay / 3600_000, 2).append((byte) ':');
        out.appendPadded(inDay / 60_000 % 60, 2).append((byte) ':');
        out.appendPadded(inDay / 1000 % 60, 2).append((byte) '.');
        out.appendPadded(inDay % 1000, 3);
    }

    public static String timestampToString(long millis) {
        ByteBuilder b = new ByteBuilder(32);
        appendTimestamp(millis, b);
        return b.toString();
    }

    /** Appends {@code yyyy-MM-dd}; false (and nothing appended) outside years 0 to 9999. */
    public static boolean appendDate(long days, ByteBuilder out) {
        long z = days + 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        y += m <= 2 ? 1 : 0;
        if (y < 0 || y > 9999) {
            return false;
        }
        out.appendPadded((int) y, 4).append((byte) '-').appendPadded(m, 2).append((byte) '-').appendPadded(d, 2);
        return true;
    }

    public static void appendDateOrIso(int days, ByteBuilder out) {
        if (!appendDate(days, out)) {
            out.appendAscii(java.time.LocalDate.ofEpochDay(days).toString());
        }
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t';
    }

    private static BadValueException bad(String what, byte[] b, int off, int len) {
        return new BadValueException("'" + TextValues.shorten(TextValues.ascii(b, off, len)) + "' is not " + what);
    }
}
