package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.physical.AggregateCall;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import dev.runnel.sql.type.DataType;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The aggregate calls of one GROUP BY (or one window) over dense group ids: one accumulator per call
 * (picked by function and argument type, DISTINCT through a per-group set), each call's optional
 * FILTER column applied. What {@link HashAggregateOperator} and the window operators fold rows
 * into. Group ids come from the caller (a {@link GroupByHash}, or one id per window or session).
 * State ({@link #snapshot}): the call count (int), then each accumulator's state for the groups.
 * Single-threaded.
 */
public final class GroupedAggregates {
    private final List<AggregateCall> calls;
    private final Accumulator[] accumulators;
    private int[] filtered = new int[0];

    /** @param inputTypes the types of the input columns the calls' argument and filter indices point at */
    public GroupedAggregates(List<AggregateCall> calls, List<DataType> inputTypes) {
        this(calls, inputTypes, false);
    }

    /**
     * @param retracting whether {@link #retract} will be called (the input is a changelog): every
     *     accumulator then keeps what it needs to take values back, or construction fails with a
     *     clear error for the calls that cannot
     */
    public GroupedAggregates(List<AggregateCall> calls, List<DataType> inputTypes, boolean retracting) {
        this.calls = List.copyOf(calls);
        this.accumulators = new Accumulator[calls.size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = Accumulators.create(calls.get(i), inputTypes, retracting);
        }
    }

    public int size() {
        return accumulators.length;
    }

    /** Makes room for group ids below {@code groups}; new groups start empty. */
    public void ensureGroups(int groups) {
        for (Accumulator a : accumulators) {
            a.ensureGroups(groups);
        }
    }

    /**
     * Folds rows {@code rows[0..count)} of {@code batch} into groups {@code groupIds[row]} (ids below
     * what {@link #ensureGroups} made room for).
     */
    public void add(int[] groupIds, int[] rows, int count, VectorSchemaRoot batch) {
        fold(groupIds, rows, count, batch, false);
    }

    /**
     * Takes rows {@code rows[0..count)} of {@code batch} back out of groups {@code groupIds[row]}:
     * the retractions of a changelog, each of a row folded in before. Only for a retracting instance.
     */
    public void retract(int[] groupIds, int[] rows, int count, VectorSchemaRoot batch) {
        fold(groupIds, rows, count, batch, true);
    }

    private void fold(int[] groupIds, int[] rows, int count, VectorSchemaRoot batch, boolean retract) {
        if (count == 0) {
            return;
        }
        for (int i = 0; i < accumulators.length; i++) {
            AggregateCall call = calls.get(i);
            FieldVector[] args = new FieldVector[call.args().size()];
            for (int a = 0; a < args.length; a++) {
                args[a] = batch.getVector(call.args().get(a));
            }
            int[] selected = rows;
            int n = count;
            if (call.filterArg() >= 0) {
                n = selectTrue(batch.getVector(call.filterArg()), rows, count);
                selected = filtered;
            }
            if (retract) {
                accumulators[i].retract(groupIds, selected, n, args);
            } else {
                accumulators[i].add(groupIds, selected, n, args);
            }
        }
    }

    /** Rows among {@code rows[0..count)} whose BOOLEAN filter column is TRUE, into {@code filtered}. */
    private int selectTrue(FieldVector filter, int[] rows, int count) {
        if (filtered.length < count) {
            filtered = new int[Math.max(count, 1024)];
        }
        ArrowBuf validity = filter.getValidityBuffer();
        ArrowBuf data = filter.getDataBuffer();
        int n = 0;
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if ((BitVectorHelper.get(validity, r) & BitVectorHelper.get(data, r)) != 0) {
                filtered[n++] = r;
            }
        }
        return n;
    }

    /**
     * Writes the results of groups {@code first..first+count)} into rows {@code 0..count)} of
     * {@code out}'s columns {@code firstColumn..firstColumn+size())}, allocated for {@code count}.
     */
    public void write(int first, int count, VectorSchemaRoot out, int firstColumn) {
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i].write(first, count, out.getVector(firstColumn + i));
        }
    }

    /**
     * Writes the results of groups {@code groups[0..count)} into rows {@code 0..count)} of
     * {@code out}'s columns {@code firstColumn..firstColumn+size())}, allocated for {@code count}.
     */
    public void write(int[] groups, int count, VectorSchemaRoot out, int firstColumn) {
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i].write(groups, count, out.getVector(firstColumn + i));
        }
    }

    /** Approximate heap bytes held. */
    public long retainedBytes() {
        long b = 0;
        for (Accumulator a : accumulators) {
            b += a.retainedBytes();
        }
        return b;
    }

    /** Writes the state of groups {@code [0, groups)} of every call (see the class comment). */
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        out.writeInt(accumulators.length);
        for (Accumulator a : accumulators) {
            a.snapshot(out, groups);
        }
    }

    /** Reads what {@link #snapshot} wrote into these (empty) aggregates of the same calls. */
    public void restore(DataInputStream in, int groups) throws IOException {
        StateIO.checkCount(in, accumulators.length, "aggregate calls");
        for (Accumulator a : accumulators) {
            a.restore(in, groups);
        }
    }
}
