package dev.runnel.exec.expr.fn;

import org.apache.arrow.memory.ArrowBuf;

/**
 * DECIMAL arithmetic on unscaled {@code long} values, for generated code: the value {@code u} at
 * scale {@code s} means {@code u / 10^s}, as in {@code BigDecimal.valueOf(u, s)}. Each operation
 * gives exactly what {@link Decimals} gives on the same values, or throws {@link Overflow} when the
 * exact result does not fit a long or, after {@link #fit}, is out of range for its type; the caller
 * then recomputes the value with {@link Decimals}, which returns the big result or raises the SQL
 * error. Overflow is a shared, stackless exception, so a fallback costs no allocation. Stateless.
 */
public final class DecimalLongs {
    /** 10^0 .. 10^18, every power of ten a long holds. */
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** The most digits a rescale step may add or drop (10^18 is the largest power of ten in a long). */
    public static final int MAX_RESCALE = 18;

    /** Thrown when a long cannot hold a result: the caller falls back to {@link Decimals}. */
    public static final class Overflow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private Overflow() {
            super("DECIMAL value does not fit a long", null, false, false);
        }
    }

    private static final Overflow OVERFLOW = new Overflow();

    private DecimalLongs() {}

    public static long add(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            throw OVERFLOW;
        }
        return r;
    }

    public static long subtract(long a, long b) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            throw OVERFLOW;
        }
        return r;
    }

    public static long multiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo;
        }
        throw OVERFLOW;
    }

    public static long negate(long a) {
        if (a == Long.MIN_VALUE) {
            throw OVERFLOW;
        }
        return -a;
    }

    public static long abs(long a) {
        if (a == Long.MIN_VALUE) {
            throw OVERFLOW;
        }
        return a < 0 ? -a : a;
    }

    /** 10^{@code digits}, for {@code digits} in 0..18. */
    public static long pow10(int digits) {
        return POW10[digits];
    }

    /**
     * {@code a} at a scale higher by the digits of {@code pow} (a power of ten; exact):
     * {@code a * pow}. Generated code passes {@code pow} as a literal, so the JIT sees a constant.
     */
    public static long scaleUp(long a, long pow) {
        return multiply(a, pow);
    }

    /**
     * {@code a} at a scale lower by the digits of {@code pow} (a power of ten, at most 10^18), rounded
     * HALF_UP (ties away from zero), as {@code BigDecimal.setScale(s, RoundingMode.HALF_UP)} rounds.
     * With {@code pow} a literal the division is by a constant, which the JIT turns into a multiply.
     */
    public static long scaleDown(long a, long pow) {
        long q = a / pow;
        long r = a - q * pow;
        // |r| < pow <= 10^18, so 2|r| cannot overflow
        if (Math.abs(r) * 2 >= pow) {
            q += a < 0 ? -1 : 1;
        }
        return q;
    }

    /**
     * {@code a} (at scale {@code from}) as DECIMAL({@code precision}, {@code to}): rescaled as
     * {@link Decimals#fit} does, then checked against the precision; {@link Overflow} if it does not fit.
     */
    public static long fit(long a, int from, int to, int precision) {
        long r = from == to ? a : from < to ? scaleUp(a, POW10[to - from]) : scaleDown(a, POW10[from - to]);
        return precision < POW10.length ? below(r, POW10[precision]) : r;
    }

    /** {@code a} if it has at most {@code precision} digits, else {@link Overflow}. */
    public static long check(long a, int precision) {
        return precision < POW10.length ? below(a, POW10[precision]) : a;
    }

    /**
     * {@code a} if {@code |a| < limit} (a power of ten: the value has fewer digits than the limit has
     * zeros), else {@link Overflow}. Generated code passes the limit as a literal.
     */
    public static long below(long a, long limit) {
        if (a >= limit || a <= -limit) {
            throw OVERFLOW;
        }
        return a;
    }

    /** Whether {@code a} has at most {@code precision} digits (is in range for DECIMAL(precision, s)). */
    public static boolean fits(long a, int precision) {
        return precision >= POW10.length || (a < POW10[precision] && a > -POW10[precision]);
    }

    /**
     * The unscaled value at {@code index} of a DecimalVector's data buffer (128-bit little-endian
     * two's complement) whose scale is {@code vectorScale}, as a long at scale {@code scale};
     * {@link Overflow} if it needs more than 64 bits or the vector's scale is not the expected one.
     */
    public static long read(ArrowBuf data, int index, int vectorScale, int scale) {
        if (vectorScale != scale) {
            throw OVERFLOW;
        }
        long at = ((long) index) << 4;
        long lo = data.getLong(at);
        long hi = data.getLong(at + 8);
        if (hi != (lo >> 63)) {
            throw OVERFLOW;
        }
        return lo;
    }

    /** Fails the long path (for a value known not to fit). */
    public static long overflow() {
        throw OVERFLOW;
    }
}
