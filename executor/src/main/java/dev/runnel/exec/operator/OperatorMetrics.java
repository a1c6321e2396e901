package dev.runnel.exec.operator;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Counters of one running operator or source, for {@code SHOW JOBS} and {@code DESCRIBE}: rows
 * in and out, late rows by what happened to them, windows fired, rows without an event time, the
 * last watermark it emitted and its state size. Written by the pipeline's driver thread only (plain
 * volatile fields, no atomics needed for one writer), readable from any thread.
 */
public final class OperatorMetrics {
    private final String name;
    private volatile long rowsIn;
    private volatile long rowsOut;
    private volatile long lateRowsDropped;
    private volatile long lateRowsRouted;
    private volatile long lateRowsUpdating;
    private volatile long rowsWithoutTime;
    private volatile long windowsFired;
    private volatile long watermark = Long.MIN_VALUE;
    private volatile long stateBytes;

    public OperatorMetrics(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void addRowsIn(long n) {
        rowsIn += n;
    }

    public void addRowsOut(long n) {
        rowsOut += n;
    }

    /** Rows behind the watermark that no window could take any more; dropped (late = 'drop', or past the allowed lateness). */
    public void addLateRowsDropped(long n) {
        lateRowsDropped += n;
    }

    /** Late rows written to the route target (late = 'route'). */
    public void addLateRowsRouted(long n) {
        lateRowsRouted += n;
    }

    /** Late rows that changed an already emitted window result (late = 'update'). */
    public void addLateRowsUpdating(long n) {
        lateRowsUpdating += n;
    }

    /** Rows whose event time was NULL, which no window can hold (dropped, counted here). */
    public void addRowsWithoutTime(long n) {
        rowsWithoutTime += n;
    }

    public void addWindowsFired(long n) {
        windowsFired += n;
    }

    public void watermark(long w) {
        watermark = w;
    }

    public void stateBytes(long bytes) {
        stateBytes = bytes;
    }

    public long rowsIn() {
        return rowsIn;
    }

    public long rowsOut() {
        return rowsOut;
    }

    public long lateRowsDropped() {
        return lateRowsDropped;
    }

    public long lateRowsRouted() {
        return lateRowsRouted;
    }

    public long lateRowsUpdating() {
        return lateRowsUpdating;
    }

    public long rowsWithoutTime() {
        return rowsWithoutTime;
    }

    public long windowsFired() {
        return windowsFired;
    }

    /** The last watermark emitted, {@code Long.MIN_VALUE} before any. */
    public long watermark() {
        return watermark;
    }

    public long stateBytes() {
        return stateBytes;
    }

    /**
     * Writes the counters that account for what happened to rows (late rows dropped, routed and
     * updating, rows without an event time, windows fired: five longs), so an operator restored from
     * a checkpoint goes on counting from there and a count is neither lost nor doubled.
     */
    public void snapshotRowFates(DataOutputStream out) throws IOException {
        out.writeLong(lateRowsDropped);
        out.writeLong(lateRowsRouted);
        out.writeLong(lateRowsUpdating);
        out.writeLong(rowsWithoutTime);
        out.writeLong(windowsFired);
    }

    /** Reads back what {@link #snapshotRowFates} wrote, replacing those counters. */
    public void restoreRowFates(DataInputStream in) throws IOException {
        lateRowsDropped = in.readLong();
        lateRowsRouted = in.readLong();
        lateRowsUpdating = in.readLong();
        rowsWithoutTime = in.readLong();
        windowsFired = in.readLong();
    }

    @Override
    public String toString() {
        return name + "{in=" + rowsIn + ", out=" + rowsOut + ", lateDropped=" + lateRowsDropped + ", lateRouted="
                + lateRowsRouted + ", lateUpdating=" + lateRowsUpdating + ", noTime=" + rowsWithoutTime + ", fired="
                + windowsFired + ", watermark=" + watermark + ", stateBytes=" + stateBytes + "}";
    }
}
