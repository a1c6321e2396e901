package dev.runnel.bench.nexmark.gen;

/**
 * Nexmark events as a pure function of (configuration, event number), following the reference
 * generator of the Flink harness (nexmark/nexmark {@code NexmarkGenerator}, {@code PersonGenerator},
 * {@code AuctionGenerator}, {@code BidGenerator}, {@code PriceGenerator}, {@code StringsGenerator})
 * with one generator (parallelism 1):
 * <ul>
 *   <li>event number {@code n} has id {@code adjust(n)}, where {@code adjust} shuffles within groups
 *       of {@code outOfOrderGroupSize} (identity by default), and event time
 *       {@code baseTime + adjust(n) * interEventDelayUs / 1000};</li>
 *   <li>{@code id % 50} picks the kind: 0 person, 1-3 auction, 4-49 bid;</li>
 *   <li>persons and auctions get the next ids; bids and auctions refer to recent ones, with the hot
 *       auction (first of the latest block of 100) taking {@code 1 - 1/hotAuctionRatio} of bids, a
 *       hot bidder (second person of the latest block of 100) {@code 1 - 1/hotBiddersRatio}, a hot
 *       seller (first person of the block) {@code 1 - 1/hotSellersRatio} of auctions;</li>
 *   <li>prices are {@code round(10^(6u) * 100)}, log-uniform between 100 and 10^8;</li>
 *   <li>half the bids use one of four hot channels, the rest one of 10,000 channels, 90% of whose
 *       urls carry {@code &channel_id=};</li>
 *   <li>{@code extra} pads each event to the average size of its kind;</li>
 *   <li>as in the reference (not in Beam's), a bid's bidder has {@code FIRST_PERSON_ID} added twice.</li>
 * </ul>
 * The random choices of an event come from a stream seeded by (seed, event id), so events can be
 * made in any order, and the same seed gives the same events in every JVM. Not thread-safe (it
 * reuses one random stream): use one generator per thread.
 */
public final class NexmarkGenerator {
    public static final long FIRST_AUCTION_ID = 1000L;
    public static final long FIRST_PERSON_ID = 1000L;
    public static final long FIRST_CATEGORY_ID = 10L;

    private static final int NUM_CATEGORIES = 5;
    private static final int AUCTION_ID_LEAD = 10;
    private static final int PERSON_ID_LEAD = 10;
    private static final int HOT_SELLER_RATIO = 100;
    private static final int HOT_AUCTION_RATIO = 100;
    private static final int HOT_BIDDER_RATIO = 100;
    private static final int HOT_CHANNELS_RATIO = 2;
    private static final int CHANNELS_NUMBER = 10_000;
    private static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
    private static final String[] US_STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
    private static final String[] US_CITIES = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend",
        "Redmond", "Seattle", "Kent", "Cheyenne"};
    private static final String[] FIRST_NAMES = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie",
        "Sarah", "Deiter", "Walter"};
    private static final String[] LAST_NAMES = {"Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith",
        "Jones", "Noris"};
    private static final String[] CREDIT_CARD_GROUPS = new String[10_000];

    static {
        for (int i = 0; i < CREDIT_CARD_GROUPS.length; i++) {
            CREDIT_CARD_GROUPS[i] = String.format("%04d", i);
        }
    }

    private final GeneratorConfig config;
    private final NexmarkStrings strings;
    private final String[] hotUrls = new String[HOT_CHANNELS.length];
    private final String[] channelNames = new String[CHANNELS_NUMBER];
    private final String[] channelUrls = new String[CHANNELS_NUMBER];
    private final SplitMix64 random = new SplitMix64();
    private final double interEventDelayUs;
    private final int total;

    public NexmarkGenerator(GeneratorConfig config) {
        this.config = config;
        this.strings = new NexmarkStrings(config.seed());
        this.interEventDelayUs = config.interEventDelayUs();
        this.total = config.totalProportion();
        SplitMix64 r = new SplitMix64();
        r.reseed(config.seed(), -2);
        for (int i = 0; i < hotUrls.length; i++) {
            hotUrls[i] = baseUrl(r);
        }
        for (int i = 0; i < CHANNELS_NUMBER; i++) {
            String url = baseUrl(r);
            if (r.nextInt(10) > 0) {
                url = url + "&channel_id=" + Math.abs(Integer.reverse(i));
            }
            channelNames[i] = "channel-" + i;
            channelUrls[i] = url;
        }
    }

    public GeneratorConfig config() {
        return config;
    }

    /** The id of event number {@code eventNumber} (its position in emission order), after the shuffle. */
    public long eventId(long eventNumber) {
        long n = config.outOfOrderGroupSize();
        if (n == 1) {
            return eventNumber;
        }
        return (eventNumber / n) * n + (eventNumber * 953) % n;
    }

    /** Event time (epoch millis) of the event with id {@code eventId}. */
    public long timestampOfId(long eventId) {
        return config.baseTimeMillis() + (long) (eventId * interEventDelayUs) / 1000L;
    }

    /** The kind of event number {@code eventNumber}. */
    public EventKind kind(long eventNumber) {
        long rem = eventId(eventNumber) % total;
        if (rem < config.personProportion()) {
            return EventKind.PERSON;
        }
        return rem < config.personProportion() + config.auctionProportion() ? EventKind.AUCTION : EventKind.BID;
    }

    /** How many of the first {@code events} events are of {@code kind}. */
    public long count(EventKind kind, long events) {
        if (config.outOfOrderGroupSize() > 1) {
            long c = 0;
            for (long i = 0; i < events; i++) {
                if (kind(i) == kind) {
                    c++;
                }
            }
            return c;
        }
        long[] range = switch (kind) {
            case PERSON -> new long[] {0, config.personProportion()};
            case AUCTION -> new long[] {config.personProportion(), config.personProportion() + config.auctionProportion()};
            case BID -> new long[] {config.personProportion() + config.auctionProportion(), total};
        };
        long full = events / total;
        long rest = events % total;
        return full * (range[1] - range[0]) + Math.max(0, Math.min(rest, range[1]) - range[0]);
    }

    /** Fills {@code p} with event number {@code eventNumber}, which must be a person. */
    public void person(long eventNumber, Person p) {
        long id = eventId(eventNumber);
        random.reseed(config.seed(), id);
        SplitMix64 r = random;
        p.id = lastBase0PersonId(id) + FIRST_PERSON_ID;
        p.name = FIRST_NAMES[r.nextInt(FIRST_NAMES.length)] + " " + LAST_NAMES[r.nextInt(LAST_NAMES.length)];
        p.emailAddress = NexmarkStrings.nextString(r, 7) + "@" + NexmarkStrings.nextString(r, 5) + ".com";
        p.creditCard = CREDIT_CARD_GROUPS[r.nextInt(10_000)] + " " + CREDIT_CARD_GROUPS[r.nextInt(10_000)] + " "
                + CREDIT_CARD_GROUPS[r.nextInt(10_000)] + " " + CREDIT_CARD_GROUPS[r.nextInt(10_000)];
        p.city = US_CITIES[r.nextInt(US_CITIES.length)];
        p.state = US_STATES[r.nextInt(US_STATES.length)];
        int size = 8 + p.name.length() + p.emailAddress.length() + p.creditCard.length() + p.city.length()
                + p.state.length();
        p.extra = strings.nextExtra(r, size, config.avgPersonByteSize());
        p.dateTime = timestampOfId(id);
    }

    /** Fills {@code a} with event number {@code eventNumber}, which must be an auction. */
    public void auction(long eventNumber, Auction a) {
        long id = eventId(eventNumber);
        random.reseed(config.seed(), id);
        SplitMix64 r = random;
        long timestamp = timestampOfId(id);
        a.id = lastBase0AuctionId(id) + FIRST_AUCTION_ID;
        long seller;
        if (r.nextInt(config.hotSellersRatio()) > 0) {
            seller = (lastBase0PersonId(id) / HOT_SELLER_RATIO) * HOT_SELLER_RATIO;
        } else {
            seller = nextBase0PersonId(id, r);
        }
        a.seller = seller + FIRST_PERSON_ID;
        a.category = FIRST_CATEGORY_ID + r.nextInt(NUM_CATEGORIES);
        a.initialBid = nextPrice(r);
        a.expires = timestamp + nextAuctionLengthMs(id, r, timestamp);
        a.itemName = NexmarkStrings.nextString(r, 20);
        a.description = NexmarkStrings.nextString(r, 100);
        a.reserve = a.initialBid + nextPrice(r);
        int size = 8 + a.itemName.length() + a.description.length() + 8 + 8 + 8 + 8 + 8;
        a.extra = strings.nextExtra(r, size, config.avgAuctionByteSize());
        a.dateTime = timestamp;
    }

    /** Fills {@code b} with event number {@code eventNumber}, which must be a bid. */
    public void bid(long eventNumber, Bid b) {
        long id = eventId(eventNumber);
        random.reseed(config.seed(), id);
        SplitMix64 r = random;
        long auction;
        if (r.nextInt(config.hotAuctionRatio()) > 0) {
            auction = (lastBase0AuctionId(id) / HOT_AUCTION_RATIO) * HOT_AUCTION_RATIO;
        } else {
            auction = nextBase0AuctionId(id, r);
        }
        b.auction = auction + FIRST_AUCTION_ID;
        long bidder;
        if (r.nextInt(config.hotBiddersRatio()) > 0) {
            bidder = (lastBase0PersonId(id) / HOT_BIDDER_RATIO) * HOT_BIDDER_RATIO + 1;
        } else {
            bidder = nextBase0PersonId(id, r);
        }
        // the reference adds FIRST_PERSON_ID twice (Beam once); kept, so the data matches its harness
        b.bidder = bidder + FIRST_PERSON_ID + FIRST_PERSON_ID;
        b.price = nextPrice(r);
        if (r.nextInt(HOT_CHANNELS_RATIO) > 0) {
            int i = r.nextInt(HOT_CHANNELS.length);
            b.channel = HOT_CHANNELS[i];
            b.url = hotUrls[i];
        } else {
            int c = r.nextInt(CHANNELS_NUMBER);
            b.channel = channelNames[c];
            b.url = channelUrls[c];
        }
        b.extra = strings.nextExtra(r, 8 + 8 + 8 + 8, config.avgBidByteSize());
        b.dateTime = timestampOfId(id);
    }

    /** The last person id (base 0) issued at event {@code eventId}, which is this event's own if it is a person. */
    long lastBase0PersonId(long eventId) {
        long epoch = eventId / total;
        long offset = eventId % total;
        if (offset >= config.personProportion()) {
            offset = config.personProportion() - 1;
        }
        return epoch * config.personProportion() + offset;
    }

    /** The last auction id (base 0) issued at event {@code eventId}, which is this event's own if it is an auction. */
    long lastBase0AuctionId(long eventId) {
        long epoch = eventId / total;
        long offset = eventId % total;
        if (offset < config.personProportion()) {
            epoch--;
            offset = config.auctionProportion() - 1;
        } else if (offset >= config.personProportion() + config.auctionProportion()) {
            offset = config.auctionProportion() - 1;
        } else {
            offset -= config.personProportion();
        }
        return epoch * config.auctionProportion() + offset;
    }

    /** One of the active people, or one of the next few (so a bid may name a person not yet created). */
    private long nextBase0PersonId(long eventId, SplitMix64 r) {
        long numPeople = lastBase0PersonId(eventId) + 1;
        long active = Math.min(numPeople, config.numActivePeople());
        long n = r.nextLong(active + PERSON_ID_LEAD);
        return numPeople - active + n;
    }

    /** One of the auctions likely still in flight, or one of the next few. */
    private long nextBase0AuctionId(long eventId, SplitMix64 r) {
        long max = lastBase0AuctionId(eventId);
        long min = Math.max(max - config.numInFlightAuctions(), 0);
        return min + r.nextLong(max - min + 1 + AUCTION_ID_LEAD);
    }

    /** Log-uniform in [100, 10^8]; StrictMath, so every JVM computes the same price. */
    private static long nextPrice(SplitMix64 r) {
        return Math.round(StrictMath.pow(10.0, r.nextDouble() * 6.0) * 100.0);
    }

    /**
     * Uniform in [1, 2h] ms, where h is the event time until {@code numInFlightAuctions} more auctions
     * have been created: auctions last about as long as it takes to open the next hundred.
     */
    private long nextAuctionLengthMs(long eventId, SplitMix64 r, long timestamp) {
        long numEventsForAuctions = ((long) config.numInFlightAuctions() * total) / config.auctionProportion();
        long futureAuction = timestampOfId(eventId + numEventsForAuctions);
        long horizonMs = futureAuction - timestamp;
        return 1L + r.nextLong(Math.max(horizonMs * 2, 1L));
    }

    private String baseUrl(SplitMix64 r) {
        return "https://www.nexmark.com/" + NexmarkStrings.nextString(r, 5, '_') + '/'
                + NexmarkStrings.nextString(r, 5, '_') + '/' + NexmarkStrings.nextString(r, 5, '_') + '/'
                + "item.htm?query=1";
    }
}
