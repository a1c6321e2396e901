package dev.runnel.exec.expr.fn;

/**
 * Exact INT and BIGINT arithmetic with SQL errors: overflow is a data error ("INT overflow",
 * "BIGINT overflow"), as is integer division or MOD by zero ("division by zero"). Division
 * truncates toward zero and MOD takes the dividend's sign, as in Java. Stateless.
 */
public final class Arith {
    private Arith() {}

    public static int add(int a, int b) {
        int r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            throw SqlErrors.data("INT overflow");
        }
        return r;
    }

    public static int subtract(int a, int b) {
        int r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            throw SqlErrors.data("INT overflow");
        }
        return r;
    }

    public static int multiply(int a, int b) {
        long r = (long) a * (long) b;
        if ((int) r != r) {
            throw SqlErrors.data("INT overflow");
        }
        return (int) r;
    }

    public static int divide(int a, int b) {
        if (b == 0) {
            throw SqlErrors.divisionByZero();
        }
        if (a == Integer.MIN_VALUE && b == -1) {
            throw SqlErrors.data("INT overflow");
        }
        return a / b;
    }

    public static int mod(int a, int b) {
        if (b == 0) {
            throw SqlErrors.divisionByZero();
        }
        return b == -1 ? 0 : a % b;
    }

    public static int negate(int a) {
        if (a == Integer.MIN_VALUE) {
            throw SqlErrors.data("INT overflow");
        }
        return -a;
    }

    public static int abs(int a) {
        if (a == Integer.MIN_VALUE) {
            throw SqlErrors.data("INT overflow");
        }
        return a < 0 ? -a : a;
    }

    public static long add(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            throw SqlErrors.data("BIGINT overflow");
        }
        return r;
    }

    public static long subtract(long a, long b) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            throw SqlErrors.data("BIGINT overflow");
        }
        return r;
    }

    public static long multiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo;
        }
        throw SqlErrors.data("BIGINT overflow");
    }

    public static long divide(long a, long b) {
        if (b == 0) {
            throw SqlErrors.divisionByZero();
        }
        if (a == Long.MIN_VALUE && b == -1) {
            throw SqlErrors.data("BIGINT overflow");
        }
        return a / b;
    }

    public static long mod(long a, long b) {
        if (b == 0) {
            throw SqlErrors.divisionByZero();
        }
        return b == -1 ? 0 : a % b;
    }

    public static long negate(long a) {
        if (a == Long.MIN_VALUE) {
            throw SqlErrors.data("BIGINT overflow");
        }
        return -a;
    }

    public static long abs(long a) {
        if (a == Long.MIN_VALUE) {
            throw SqlErrors.data("BIGINT overflow");
        }
        return a < 0 ? -a : a;
    }

    /** SQL total order on DOUBLE: -0.0 equals 0.0, NaN equals NaN and is above every number. */
    public static int compare(double a, double b) {
        return a == b ? 0 : Double.compare(a, b);
    }
}
