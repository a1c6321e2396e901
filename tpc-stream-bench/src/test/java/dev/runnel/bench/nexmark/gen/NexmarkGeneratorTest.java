package dev.runnel.bench.nexmark.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator against the published shape of Nexmark data (NEXMARK.md section 1.2, the reference
 * generator of nexmark/nexmark) on the first million events of the default configuration.
 */
class NexmarkGeneratorTest {
    static final long EVENTS = 1_000_000;
    static final NexmarkGenerator GEN = new NexmarkGenerator(GeneratorConfig.defaults());
    static final Stats STATS = new Stats();

    /** Everything the assertions need, gathered in one pass over the million events. */
    static final class Stats {
        long persons;
        long auctions;
        long bids;
        long hotAuctionBids;
        long hotBidderBids;
        long hotSellerAuctions;
        long[] priceDecades = new long[7];
        long minPrice = Long.MAX_VALUE;
        long maxPrice;
        long hotChannelBids;
        long[] hotChannel = new long[4];
        long bidBytes;
        long personBytes;
        long auctionBytes;
        long lastTime = Long.MIN_VALUE;
        boolean timeOrdered = true;
        long maxAuctionLength;
        long minAuctionLength = Long.MAX_VALUE;
        long bidsOnFutureAuctions;
        long categoriesOutOfRange;
        Set<String> otherChannelUrls = new HashSet<>();
        long otherChannelUrlsWithId;
        long digest = 17;
    }

    @BeforeAll
    static void generate() {
        Person p = new Person();
        Auction a = new Auction();
        Bid b = new Bid();
        Stats s = STATS;
        for (long n = 0; n < EVENTS; n++) {
            long id = GEN.eventId(n);
            switch (GEN.kind(n)) {
                case PERSON -> {
                    GEN.person(n, p);
                    s.persons++;
                    assertThat(p.id).isEqualTo(NexmarkGenerator.FIRST_PERSON_ID + s.persons - 1);
                    s.personBytes += 8 + p.name.length() + p.emailAddress.length() + p.creditCard.length()
                            + p.city.length() + p.state.length() + p.extra.length();
                    time(s, p.dateTime);
                    s.digest = mix(s.digest, p.id, p.name, p.emailAddress, p.creditCard, p.city, p.state, p.dateTime,
                            p.extra);
                }
                case AUCTION -> {
                    GEN.auction(n, a);
                    s.auctions++;
                    assertThat(a.id).isEqualTo(NexmarkGenerator.FIRST_AUCTION_ID + s.auctions - 1);
                    long hotSeller = (GEN.lastBase0PersonId(id) / 100) * 100 + NexmarkGenerator.FIRST_PERSON_ID;
                    if (a.seller == hotSeller) {
                        s.hotSellerAuctions++;
                    }
                    if (a.category < 10 || a.category > 14) {
                        s.categoriesOutOfRange++;
                    }
                    s.maxAuctionLength = Math.max(s.maxAuctionLength, a.expires - a.dateTime);
                    s.minAuctionLength = Math.min(s.minAuctionLength, a.expires - a.dateTime);
                    assertThat(a.reserve).isGreaterThan(a.initialBid);
                    s.auctionBytes += 8 + a.itemName.length() + a.description.length() + 40 + a.extra.length();
                    time(s, a.dateTime);
                    s.digest = mix(s.digest, a.id, a.itemName, a.description, a.initialBid, a.reserve, a.dateTime,
                            a.expires, a.seller, a.category, a.extra);
                }
                case BID -> {
                    GEN.bid(n, b);
                    s.bids++;
                    long lastAuction = GEN.lastBase0AuctionId(id);
                    if (b.auction == (lastAuction / 100) * 100 + NexmarkGenerator.FIRST_AUCTION_ID) {
                        s.hotAuctionBids++;
                    }
                    if (b.auction > lastAuction + NexmarkGenerator.FIRST_AUCTION_ID) {
                        s.bidsOnFutureAuctions++;
                    }
                    // the reference adds FIRST_PERSON_ID twice to a bidder
                    long hotBidder = (GEN.lastBase0PersonId(id) / 100) * 100 + 1 + 2 * NexmarkGenerator.FIRST_PERSON_ID;
                    if (b.bidder == hotBidder) {
                        s.hotBidderBids++;
                    }
                    s.minPrice = Math.min(s.minPrice, b.price);
                    s.maxPrice = Math.max(s.maxPrice, b.price);
                    s.priceDecades[(int) Math.min(6, Math.floor(Math.log10(b.price / 100.0)))]++;
                    int hot = java.util.List.of("Google", "Facebook", "Baidu", "Apple").indexOf(b.channel);
                    if (hot >= 0) {
                        s.hotChannelBids++;
                        s.hotChannel[hot]++;
                    } else {
                        assertThat(b.channel).startsWith("channel-");
                        if (s.otherChannelUrls.add(b.channel) && b.url.contains("&channel_id=")) {
                            s.otherChannelUrlsWithId++;
                        }
                    }
                    assertThat(b.url).startsWith("https://www.nexmark.com/");
                    s.bidBytes += 32 + b.extra.length();
                    time(s, b.dateTime);
                    s.digest = mix(s.digest, b.auction, b.bidder, b.price, b.channel, b.url, b.dateTime, b.extra);
                }
            }
        }
    }

    private static void time(Stats s, long t) {
        if (t < s.lastTime) {
            s.timeOrdered = false;
        }
        s.lastTime = t;
    }

    private static long mix(long h, Object... values) {
        for (Object v : values) {
            h = h * 1_000_003L + v.hashCode();
        }
        return h;
    }

    @Test
    void personsAuctionsAndBidsComeOneToThreeToFortySix() {
        assertThat(STATS.persons).isEqualTo(20_000);
        assertThat(STATS.auctions).isEqualTo(60_000);
        assertThat(STATS.bids).isEqualTo(920_000);
        assertThat(GEN.count(EventKind.BID, EVENTS)).isEqualTo(920_000);
        assertThat(GEN.count(EventKind.PERSON, 51)).isEqualTo(2);
        assertThat(GEN.count(EventKind.AUCTION, 2)).isEqualTo(1);
        assertThat(GEN.kind(0)).isEqualTo(EventKind.PERSON);
        assertThat(GEN.kind(1)).isEqualTo(EventKind.AUCTION);
        assertThat(GEN.kind(3)).isEqualTo(EventKind.AUCTION);
        assertThat(GEN.kind(4)).isEqualTo(EventKind.BID);
        assertThat(GEN.kind(49)).isEqualTo(EventKind.BID);
        assertThat(GEN.kind(50)).isEqualTo(EventKind.PERSON);
    }

    @Test
    void halfTheBidsGoToTheHotAuction() {
        // 1 - 1/hotAuctionRatio(2), plus the random picks (1 in ~111) that land on it anyway
        assertThat((double) STATS.hotAuctionBids / STATS.bids).isCloseTo(0.5 + 0.5 / 111, within(0.005));
        assertThat(STATS.bidsOnFutureAuctions).isPositive(); // the reference's id lead of 10
        assertThat((double) STATS.bidsOnFutureAuctions / STATS.bids).isLessThan(0.05);
    }

    @Test
    void threeQuartersOfBiddersAndSellersAreHot() {
        assertThat((double) STATS.hotBidderBids / STATS.bids).isCloseTo(0.75, within(0.005));
        assertThat((double) STATS.hotSellerAuctions / STATS.auctions).isCloseTo(0.75, within(0.01));
    }

    @Test
    void pricesAreLogUniformFromOneHundredToTenToTheEight() {
        assertThat(STATS.minPrice).isGreaterThanOrEqualTo(100);
        assertThat(STATS.maxPrice).isLessThanOrEqualTo(100_000_000);
        for (int d = 0; d < 6; d++) {
            assertThat((double) STATS.priceDecades[d] / STATS.bids).as("decade %d", d).isCloseTo(1 / 6.0, within(0.005));
        }
        assertThat(STATS.priceDecades[6]).isLessThan(5); // only 10^8 itself
    }

    @Test
    void halfTheBidsUseTheFourHotChannelsAndMostOtherUrlsCarryAChannelId() {
        assertThat((double) STATS.hotChannelBids / STATS.bids).isCloseTo(0.5, within(0.005));
        for (long c : STATS.hotChannel) {
            assertThat((double) c / STATS.bids).isCloseTo(0.125, within(0.005));
        }
        assertThat(STATS.otherChannelUrls.size()).isGreaterThan(9_900); // nearly all 10,000 channels seen
        assertThat((double) STATS.otherChannelUrlsWithId / STATS.otherChannelUrls.size()).isCloseTo(0.9, within(0.02));
    }

    @Test
    void extraPadsEventsToTheirAverageSizes() {
        assertThat((double) STATS.bidBytes / STATS.bids).isCloseTo(100, within(1.0));
        assertThat((double) STATS.personBytes / STATS.persons).isCloseTo(200, within(2.0));
        assertThat((double) STATS.auctionBytes / STATS.auctions).isCloseTo(500, within(5.0));
    }

    @Test
    void eventTimeAdvancesByOneTenThousandthOfASecondPerEvent() {
        assertThat(STATS.timeOrdered).isTrue();
        long base = GeneratorConfig.DEFAULT_BASE_TIME;
        assertThat(GEN.timestampOfId(0)).isEqualTo(base);
        assertThat(GEN.timestampOfId(10)).isEqualTo(base + 1);
        assertThat(GEN.timestampOfId(999_999)).isEqualTo(base + 99_999);
        NexmarkGenerator fast = new NexmarkGenerator(GeneratorConfig.defaults().withFirstEventRate(1_000_000));
        assertThat(fast.timestampOfId(999_999)).isEqualTo(base + 999);
    }

    @Test
    void auctionsLastUpToTwiceTheTimeItTakesToOpenAHundredMore() {
        // 100 auctions take 1,666 events = 166 ms of event time at 10,000 events/s
        assertThat(STATS.minAuctionLength).isGreaterThanOrEqualTo(1);
        assertThat(STATS.maxAuctionLength).isBetween(300L, 334L);
        assertThat(STATS.categoriesOutOfRange).isZero();
    }

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedOthers() {
        NexmarkGenerator again = new NexmarkGenerator(GeneratorConfig.defaults());
        NexmarkGenerator other = new NexmarkGenerator(GeneratorConfig.defaults().withSeed(43));
        Bid x = new Bid();
        Bid y = new Bid();
        Bid z = new Bid();
        int differ = 0;
        // random access: events in reverse order equal those made in order
        for (long n = 999_999; n > 999_000; n--) {
            if (GEN.kind(n) == EventKind.BID) {
                GEN.bid(n, x);
                again.bid(n, y);
                other.bid(n, z);
                assertThat(y.auction).isEqualTo(x.auction);
                assertThat(y.bidder).isEqualTo(x.bidder);
                assertThat(y.price).isEqualTo(x.price);
                assertThat(y.url).isEqualTo(x.url);
                assertThat(y.extra).isEqualTo(x.extra);
                if (z.price != x.price || !z.extra.equals(x.extra)) {
                    differ++;
                }
            }
        }
        assertThat(differ).isGreaterThan(900);
        // pinned: a change here changes every benchmark's data (update it only on purpose)
        assertThat(STATS.digest).isEqualTo(PINNED_DIGEST);
    }

    @Test
    void disorderShufflesEventsWithinGroupsOnly() {
        NexmarkGenerator g = new NexmarkGenerator(GeneratorConfig.defaults().withOutOfOrderGroupSize(1000));
        Set<Long> ids = new HashSet<>();
        boolean outOfOrder = false;
        long prev = -1;
        for (long n = 0; n < 10_000; n++) {
            long id = g.eventId(n);
            assertThat(id / 1000).isEqualTo(n / 1000);
            assertThat(ids.add(id)).isTrue();
            outOfOrder |= id < prev;
            prev = id;
            assertThat(Math.abs(g.timestampOfId(id) - GEN.timestampOfId(n))).isLessThanOrEqualTo(100);
        }
        assertThat(outOfOrder).isTrue();
        assertThat(g.count(EventKind.BID, 10_000)).isEqualTo(9_200);
    }

    static final long PINNED_DIGEST = 8208508588697379306L;
}
