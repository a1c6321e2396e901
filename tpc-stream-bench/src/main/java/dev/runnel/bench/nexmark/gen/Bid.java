package dev.runnel.bench.nexmark.gen;

/** A bid event; a mutable holder the generator fills (reuse one per consumer). */
public final class Bid {
    public long auction;
    public long bidder;
    public long price;
    public String channel;
    public String url;
    /** Event time, epoch millis. */
    public long dateTime;
    public String extra;
}
