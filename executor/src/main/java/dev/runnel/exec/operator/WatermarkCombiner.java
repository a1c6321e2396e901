package dev.runnel.exec.operator;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The watermark of an operator with several inputs: the minimum over its inputs, where an input
 * that has not sent one yet holds it at {@code Long.MIN_VALUE} and an ended input no longer holds it
 * back while another is open. When every input has ended it is the minimum of their last watermarks:
 * the end of input is not itself a statement about event time (a bounded input says so by sending
 * {@code Long.MAX_VALUE} before it ends; a cancelled one does not). Reports
 * only advances, so what it returns never decreases. State ({@link #snapshot}): the input count
 * (int), then per input its watermark (long) and whether it ended (boolean), then the combined
 * watermark (long). Single-threaded.
 */
public final class WatermarkCombiner {
    /** Returned when the combined watermark did not advance. */
    public static final long NONE = Long.MIN_VALUE;

    private final long[] inputs;
    private final boolean[] ended;
    private long combined = Long.MIN_VALUE;

    public WatermarkCombiner(int inputs) {
        this.inputs = new long[inputs];
        this.ended = new boolean[inputs];
        Arrays.fill(this.inputs, Long.MIN_VALUE);
    }

    /** Input {@code input} reached {@code watermark}; the new combined watermark, or {@link #NONE}. */
    public long onWatermark(int input, long watermark) {
        inputs[input] = Math.max(inputs[input], watermark);
        return advance();
    }

    /** Input {@code input} ended; the new combined watermark, or {@link #NONE}. */
    public long onEnd(int input) {
        ended[input] = true;
        return advance();
    }

    /** Whether every input ended. */
    public boolean allEnded() {
        for (boolean e : ended) {
            if (!e) {
                return false;
            }
        }
        return true;
    }

    /** The combined watermark so far ({@code Long.MIN_VALUE} before any). */
    public long current() {
        return combined;
    }

    private long advance() {
        long min = Long.MAX_VALUE;
        boolean open = false;
        for (int i = 0; i < inputs.length; i++) {
            if (!ended[i]) {
                open = true;
                min = Math.min(min, inputs[i]);
            }
        }
        if (!open) {
            min = minOfAll(); // every input ended: what each last said is all there is
        }
        if (min > combined) {
            combined = min;
            return min;
        }
        return NONE;
    }

    private long minOfAll() {
        long min = Long.MAX_VALUE;
        for (long w : inputs) {
            min = Math.min(min, w);
        }
        return min;
    }

    /** Writes each input's watermark and end, and the combined watermark (see the class comment). */
    public void snapshot(DataOutputStream out) throws IOException {
        out.writeInt(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            out.writeLong(inputs[i]);
            out.writeBoolean(ended[i]);
        }
        out.writeLong(combined);
    }

    /** Reads what {@link #snapshot} wrote for a combiner of as many inputs. */
    public void restore(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n != inputs.length) {
            throw new IOException("the checkpoint combines the watermarks of " + n + " inputs, this operator has "
                    + inputs.length + ": it is of another plan");
        }
        for (int i = 0; i < n; i++) {
            inputs[i] = in.readLong();
            ended[i] = in.readBoolean();
        }
        combined = in.readLong();
    }
}
