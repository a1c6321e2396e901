package dev.runnel.exec.expr.fn;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * DECIMAL arithmetic: exact {@link BigDecimal} operations whose result is rounded HALF_UP to the
 * result type's scale and checked against its precision (a data error when it does not fit).
 * Stateless.
 */
public final class Decimals {
    private Decimals() {}

    /** {@code v} with scale {@code scale} (HALF_UP), or a data error if it needs more than {@code precision} digits. */
    public static BigDecimal fit(BigDecimal v, int precision, int scale) {
        BigDecimal r = v.scale() == scale ? v : v.setScale(scale, RoundingMode.HALF_UP);
        if (r.precision() > precision && r.signum() != 0) {
            throw SqlErrors.data("value " + v.toPlainString() + " is out of range for DECIMAL(" + precision + ", "
                    + scale + ")");
        }
        return r;
    }

    public static BigDecimal add(BigDecimal a, BigDecimal b, int p, int s) {
        return fit(a.add(b), p, s);
    }

    public static BigDecimal subtract(BigDecimal a, BigDecimal b, int p, int s) {
        return fit(a.subtract(b), p, s);
    }

    public static BigDecimal multiply(BigDecimal a, BigDecimal b, int p, int s) {
        return fit(a.multiply(b), p, s);
    }

    public static BigDecimal divide(BigDecimal a, BigDecimal b, int p, int s) {
        if (b.signum() == 0) {
            throw SqlErrors.divisionByZero();
        }
        return fit(a.divide(b, s, RoundingMode.HALF_UP), p, s);
    }

    public static BigDecimal mod(BigDecimal a, BigDecimal b, int p, int s) {
        if (b.signum() == 0) {
            throw SqlErrors.divisionByZero();
        }
        return fit(a.remainder(b), p, s);
    }

    public static BigDecimal negate(BigDecimal a, int p, int s) {
        return fit(a.negate(), p, s);
    }

    public static BigDecimal abs(BigDecimal a, int p, int s) {
        return fit(a.abs(), p, s);
    }

    public static BigDecimal floor(BigDecimal a, int p, int s) {
        return fit(a.setScale(0, RoundingMode.FLOOR), p, s);
    }

    public static BigDecimal ceil(BigDecimal a, int p, int s) {
        return fit(a.setScale(0, RoundingMode.CEILING), p, s);
    }

    public static BigDecimal round(BigDecimal a, int digits, int p, int s) {
        int d = Math.max(Math.min(digits, Math.max(a.scale(), 0)), -(a.precision() - a.scale() + 1));
        return fit(a.setScale(d, RoundingMode.HALF_UP), p, s);
    }
}
