package dev.runnel.bench.nexmark.gen;

/** An auction event; a mutable holder the generator fills (reuse one per consumer). */
public final class Auction {
    public long id;
    public String itemName;
    public String description;
    public long initialBid;
    public long reserve;
    /** Event time, epoch millis. */
    public long dateTime;
    /** Epoch millis. */
    public long expires;
    public long seller;
    public long category;
    public String extra;
}
