package dev.runnel.bench.nexmark.gen;

/**
 * The Nexmark generator's parameters, with the reference harness's defaults (nexmark/nexmark
 * {@code NexmarkConfiguration}): 1 person, 3 auctions and 46 bids per 50 events; 1,000 active
 * people and 100 auctions in flight; hot auction/seller/bidder ratios 2/4/4 (half the bids go to a
 * hot auction, three quarters of sellers and bidders are hot); average event sizes 200/500/100
 * bytes; 10,000 events per second of event time; one generator (parallelism 1).
 *
 * <p>Not in the reference: {@code seed} (the reference draws from an unseeded random, so its data
 * differs run to run; here every event is a pure function of the seed and its number) and a fixed
 * {@code baseTimeMillis} (the reference uses the wall clock at job start).
 *
 * @param seed seeds every random choice
 * @param baseTimeMillis event time of event number 0 (epoch millis, UTC)
 * @param firstEventRate events (all kinds) per second of event time
 * @param numEventGenerators generators sharing the rate (each advances time by rate / n); 1 here
 * @param outOfOrderGroupSize events are shuffled within consecutive groups of this many (1 = in order):
 *        the reference's bounded disorder, which moves an event by less than a group in position and time
 */
public record GeneratorConfig(
        long seed,
        long baseTimeMillis,
        long firstEventRate,
        int numEventGenerators,
        int personProportion,
        int auctionProportion,
        int bidProportion,
        int avgPersonByteSize,
        int avgAuctionByteSize,
        int avgBidByteSize,
        int hotAuctionRatio,
        int hotSellersRatio,
        int hotBiddersRatio,
        int numInFlightAuctions,
        int numActivePeople,
        long outOfOrderGroupSize) implements java.io.Serializable {

    /** 2024-01-01T00:00:00Z. */
    public static final long DEFAULT_BASE_TIME = 1_704_067_200_000L;
    public static final long DEFAULT_SEED = 42L;

    public GeneratorConfig {
        if (firstEventRate <= 0 || numEventGenerators <= 0) {
            throw new IllegalArgumentException("event rate and generator count must be positive");
        }
        if (personProportion < 0 || auctionProportion < 0 || bidProportion < 0
                || personProportion + auctionProportion + bidProportion == 0) {
            throw new IllegalArgumentException("proportions must be non-negative and not all zero");
        }
        if (hotAuctionRatio <= 0 || hotSellersRatio <= 0 || hotBiddersRatio <= 0) {
            throw new IllegalArgumentException("hot ratios must be positive");
        }
        if (numInFlightAuctions <= 0 || numActivePeople <= 0) {
            throw new IllegalArgumentException("in-flight auctions and active people must be positive");
        }
        if (outOfOrderGroupSize < 1 || outOfOrderGroupSize % 953 == 0) {
            throw new IllegalArgumentException("out-of-order group size must be >= 1 and not a multiple of 953");
        }
    }

    /** The reference defaults, seed 42, event time from 2024-01-01T00:00:00Z. */
    public static GeneratorConfig defaults() {
        return new GeneratorConfig(DEFAULT_SEED, DEFAULT_BASE_TIME, 10_000, 1, 1, 3, 46, 200, 500, 100, 2, 4, 4, 100,
                1000, 1);
    }

    public int totalProportion() {
        return personProportion + auctionProportion + bidProportion;
    }

    /** Microseconds of event time between consecutive events of one generator. */
    public double interEventDelayUs() {
        return 1_000_000.0 / firstEventRate * numEventGenerators;
    }

    public GeneratorConfig withSeed(long s) {
        return new GeneratorConfig(s, baseTimeMillis, firstEventRate, numEventGenerators, personProportion,
                auctionProportion, bidProportion, avgPersonByteSize, avgAuctionByteSize, avgBidByteSize,
                hotAuctionRatio, hotSellersRatio, hotBiddersRatio, numInFlightAuctions, numActivePeople,
                outOfOrderGroupSize);
    }

    public GeneratorConfig withFirstEventRate(long rate) {
        return new GeneratorConfig(seed, baseTimeMillis, rate, numEventGenerators, personProportion,
                auctionProportion, bidProportion, avgPersonByteSize, avgAuctionByteSize, avgBidByteSize,
                hotAuctionRatio, hotSellersRatio, hotBiddersRatio, numInFlightAuctions, numActivePeople,
                outOfOrderGroupSize);
    }

    public GeneratorConfig withBaseTime(long millis) {
        return new GeneratorConfig(seed, millis, firstEventRate, numEventGenerators, personProportion,
                auctionProportion, bidProportion, avgPersonByteSize, avgAuctionByteSize, avgBidByteSize,
                hotAuctionRatio, hotSellersRatio, hotBiddersRatio, numInFlightAuctions, numActivePeople,
                outOfOrderGroupSize);
    }

    public GeneratorConfig withOutOfOrderGroupSize(long n) {
        return new GeneratorConfig(seed, baseTimeMillis, firstEventRate, numEventGenerators, personProportion,
                auctionProportion, bidProportion, avgPersonByteSize, avgAuctionByteSize, avgBidByteSize,
                hotAuctionRatio, hotSellersRatio, hotBiddersRatio, numInFlightAuctions, numActivePeople, n);
    }
}
