package dev.runnel.exec.operator.over;

import dev.runnel.exec.expr.fn.Arith;
import dev.runnel.exec.rows.ColumnBuffer;
import dev.runnel.exec.rows.DecimalColumn;
import dev.runnel.exec.rows.DoubleColumn;
import dev.runnel.exec.rows.IntColumn;
import dev.runnel.exec.rows.LongColumn;
import dev.runnel.exec.state.StateIO;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/**
 * SUM(x) OVER: per partition the sum of the non-NULL values in the frame and how many there are
 * (NULL when none, 0 when the result type is NOT NULL, as {@code $SUM0}). Whole numbers add up in a
 * long (overflow is a data error, as in GROUP BY), doubles in a double, decimals in a BigDecimal.
 * State: a tag, the counts (longs), then the sums (longs, doubles, or one decimal per partition).
 * Single-threaded.
 */
final class SumOver implements OverAccumulator {
    private final int column;
    private ColumnBuffer arg;
    private LongColumn longs;
    private IntColumn ints;
    private DoubleColumn doubles;
    private DecimalColumn decimals;
    private final DataType type;
    private long[] counts = new long[16];
    private long[] longSums;
    private double[] doubleSums;
    private BigDecimal[] decimalSums;

    SumOver(int column, DataType type) {
        this.column = column;
        this.type = type;
    }

    @Override
    public void bind(dev.runnel.exec.rows.RowBuffer rows) {
        boolean first = arg == null;
        arg = rows.column(column);
        this.longs = arg instanceof LongColumn l ? l : null;
        this.ints = arg instanceof IntColumn i ? i : null;
        this.doubles = arg instanceof DoubleColumn d ? d : null;
        this.decimals = arg instanceof DecimalColumn d ? d : null;
        if (longs == null && ints == null && doubles == null && decimals == null) {
            throw new IllegalArgumentException("SUM OVER of " + arg.getClass().getSimpleName());
        }
        if (!first) {
            return;
        }
        longSums = doubles == null && decimals == null ? new long[16] : null;
        doubleSums = doubles != null ? new double[16] : null;
        decimalSums = decimals != null ? new BigDecimal[16] : null;
    }

    @Override
    public void ensureGroups(int groups) {
        if (groups > counts.length) {
            int c = Math.max(groups, counts.length * 2);
            counts = Arrays.copyOf(counts, c);
            if (longSums != null) {
                longSums = Arrays.copyOf(longSums, c);
            } else if (doubleSums != null) {
                doubleSums = Arrays.copyOf(doubleSums, c);
            } else {
                decimalSums = Arrays.copyOf(decimalSums, c);
            }
        }
    }

    @Override
    public void add(int g, int row) {
        if (arg.isNull(row)) {
            return;
        }
        counts[g]++;
        if (longs != null) {
            longSums[g] = Arith.add(longSums[g], longs.getLong(row));
        } else if (ints != null) {
            longSums[g] = Arith.add(longSums[g], ints.getInt(row));
        } else if (doubles != null) {
            doubleSums[g] += doubles.getDouble(row);
        } else {
            BigDecimal s = decimalSums[g];
            decimalSums[g] = s == null ? decimals.getDecimal(row) : s.add(decimals.getDecimal(row));
        }
    }

    @Override
    public void reset(int g) {
        counts[g] = 0;
        if (longSums != null) {
            longSums[g] = 0;
        } else if (doubleSums != null) {
            doubleSums[g] = 0;
        } else {
            decimalSums[g] = null;
        }
    }

    @Override
    public void retract(int g, int row) {
        if (arg.isNull(row)) {
            return;
        }
        counts[g]--;
        if (longs != null) {
            longSums[g] = Arith.subtract(longSums[g], longs.getLong(row));
        } else if (ints != null) {
            longSums[g] = Arith.subtract(longSums[g], ints.getInt(row));
        } else if (doubles != null) {
            doubleSums[g] = counts[g] == 0 ? 0 : doubleSums[g] - doubles.getDouble(row);
        } else {
            decimalSums[g] = counts[g] == 0 ? null : decimalSums[g].subtract(decimals.getDecimal(row));
        }
    }

    @Override
    public void write(int g, int lastRow, FieldVector out, int outRow) {
        if (counts[g] == 0 && type.nullable()) {
            return; // allocated vectors start NULL
        }
        switch (type.kind()) {
            case BIGINT -> ((BigIntVector) out).set(outRow, longSums != null ? longSums[g] : (long) doubleSums[g]);
            case INT -> {
                long s = longSums[g];
                if (s != (int) s) {
                    throw dev.runnel.exec.expr.fn.SqlErrors.data("INT overflow in SUM(...) OVER: " + s);
                }
                ((IntVector) out).set(outRow, (int) s);
            }
            case DOUBLE -> ((Float8Vector) out).set(outRow, doubleSums != null ? doubleSums[g] : longSums[g]);
            case DECIMAL -> {
                BigDecimal s = decimalSums != null ? (decimalSums[g] == null ? BigDecimal.ZERO : decimalSums[g])
                        : BigDecimal.valueOf(longSums[g]);
                ((DecimalVector) out).set(outRow, s.setScale(type.scale(), RoundingMode.HALF_UP));
            }
            default -> throw new IllegalStateException("SUM OVER into " + type.toSql());
        }
    }

    @Override
    public long retainedBytes() {
        return 16L * counts.length + (decimalSums == null ? 0 : 32L * decimalSums.length);
    }

    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'S');
        StateIO.writeLongs(out, counts, 0, groups);
        if (longSums != null) {
            StateIO.writeLongs(out, longSums, 0, groups);
        } else if (doubleSums != null) {
            StateIO.writeDoubles(out, doubleSums, 0, groups);
        } else {
            for (int g = 0; g < groups; g++) {
                out.writeBoolean(decimalSums[g] != null);
                if (decimalSums[g] != null) {
                    StateIO.writeDecimal(out, decimalSums[g]);
                }
            }
        }
    }

    @Override
    public void restore(DataInputStream in, int groups, int rowCount) throws IOException {
        StateIO.checkTag(in, 'S', "an OVER SUM");
        ensureGroups(groups);
        StateIO.readLongs(in, counts, 0, groups);
        if (longSums != null) {
            StateIO.readLongs(in, longSums, 0, groups);
        } else if (doubleSums != null) {
            StateIO.readDoubles(in, doubleSums, 0, groups);
        } else {
            for (int g = 0; g < groups; g++) {
                decimalSums[g] = in.readBoolean() ? StateIO.readDecimal(in) : null;
            }
        }
    }
}
