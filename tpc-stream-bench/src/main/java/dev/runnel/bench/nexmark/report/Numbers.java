package dev.runnel.bench.nexmark.report;

import java.util.Locale;

/** Short human forms of rates and sizes for tables and charts. Stateless. */
public final class Numbers {
    private Numbers() {}

    /** 2.35 M, 812 K, 950; "–" for NaN. */
    public static String rate(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.0f K", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** 3.1×; "–" if either side is missing. */
    public static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b <= 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f×", a / b);
    }

    /** Mebibytes, "–" if negative. */
    public static String mib(long bytes) {
        return bytes < 0 ? "–" : String.format(Locale.ROOT, "%d MiB", Math.round(bytes / (1024.0 * 1024)));
    }

    /** 1,000,000 style. */
    public static String count(long n) {
        return n < 0 ? "–" : String.format(Locale.ROOT, "%,d", n);
    }

    /** 10m, 1m, 500k, 1234 as the harness's options accept them. */
    public static long parseCount(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT).replace("_", "").replace(",", "");
        long mul = 1;
        if (t.endsWith("k")) {
            mul = 1_000L;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            mul = 1_000_000L;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("b") || t.endsWith("g")) {
            mul = 1_000_000_000L;
            t = t.substring(0, t.length() - 1);
        }
        double v = Double.parseDouble(t);
        if (v < 0) {
            throw new NumberFormatException("negative count: " + s);
        }
        return Math.round(v * mul);
    }

    /** 10M, 1M, 500K for labels. */
    public static String shortCount(long n) {
        if (n % 1_000_000 == 0 && n > 0) {
            return n / 1_000_000 + "M";
        }
        if (n % 1_000 == 0 && n > 0) {
            return n / 1_000 + "K";
        }
        return Long.toString(n);
    }
}
