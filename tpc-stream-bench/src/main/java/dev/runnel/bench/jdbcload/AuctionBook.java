package dev.runnel.bench.jdbcload;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the ingester has sent and what the server has acknowledged, per auction, and the rule that
 * makes every row of the view checkable on its own: the n-th bid on auction {@code a} costs
 * {@code n + a % 100}, so a consistent row with {@code bids = n} has {@code total = n * (a % 100) +
 * n (n + 1) / 2}. A row mixing two states of the view (a count from one, a sum from another) breaks
 * the rule. Auctions are numbered from 1. Counts are updated by the ingester's thread and read by
 * any thread.
 */
final class AuctionBook {
    private final AtomicLongArray sent;
    private final AtomicLongArray acked;

    AuctionBook(int auctions) {
        sent = new AtomicLongArray(auctions + 1);
        acked = new AtomicLongArray(auctions + 1);
    }

    int auctions() {
        return sent.length() - 1;
    }

    /** The price of the {@code n}-th bid (from 1) on {@code auction}. */
    static long price(long auction, long n) {
        return n + auction % 100;
    }

    /** The total of the first {@code n} bids on {@code auction}. */
    static long total(long auction, long n) {
        return n * (auction % 100) + n * (n + 1) / 2;
    }

    /** Bids on {@code auction} sent so far (acknowledged or not). */
    long sent(int auction) {
        return sent.get(auction);
    }

    /** Bids on {@code auction} the server has acknowledged. */
    long acked(int auction) {
        return acked.get(auction);
    }

    /** Counts the next bid on {@code auction} as sent and returns its number (from 1). */
    long send(int auction) {
        return sent.incrementAndGet(auction);
    }

    /** The server acknowledged {@code n} more bids on {@code auction}. */
    void ack(int auction, long n) {
        acked.addAndGet(auction, n);
    }

    /** Auctions with at least one acknowledged bid. */
    int auctionsWithBids() {
        int n = 0;
        for (int i = 1; i < acked.length(); i++) {
            if (acked.get(i) > 0) {
                n++;
            }
        }
        return n;
    }

    long totalAcked() {
        long n = 0;
        for (int i = 1; i < acked.length(); i++) {
            n += acked.get(i);
        }
        return n;
    }
}
