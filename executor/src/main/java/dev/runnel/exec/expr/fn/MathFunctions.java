package dev.runnel.exec.expr.fn;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numeric SQL functions that are not plain Java operators: ROUND for each type, FLOOR/CEIL of integers. Stateless. */
public final class MathFunctions {
    private MathFunctions() {}

    /** ROUND(x, d) of a DOUBLE, HALF_UP on the decimal text of x (as Calcite and Flink do). */
    public static double round(double x, int digits) {
        if (Double.isNaN(x) || Double.isInfinite(x) || digits > 400) {
            return x;
        }
        return BigDecimal.valueOf(x).setScale(Math.max(digits, -400), RoundingMode.HALF_UP).doubleValue();
    }

    /** ROUND(x, d) of a BIGINT: a no-op for d >= 0, else HALF_UP to a multiple of 10^-d. */
    public static long round(long x, int digits) {
        if (digits >= 0) {
            return x;
        }
        BigDecimal r = BigDecimal.valueOf(x).setScale(Math.max(digits, -25), RoundingMode.HALF_UP);
        try {
            return r.longValueExact();
        } catch (ArithmeticException e) {
            throw SqlErrors.data("BIGINT overflow");
        }
    }

    public static int round(int x, int digits) {
        long r = round((long) x, digits);
        if ((int) r != r) {
            throw SqlErrors.data("INT overflow");
        }
        return (int) r;
    }
}
