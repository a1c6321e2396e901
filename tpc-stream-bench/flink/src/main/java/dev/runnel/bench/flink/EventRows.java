package dev.runnel.bench.flink;

import dev.runnel.bench.nexmark.gen.Auction;
import dev.runnel.bench.nexmark.gen.Bid;
import dev.runnel.bench.nexmark.gen.EventKind;
import dev.runnel.bench.nexmark.gen.GeneratorConfig;
import dev.runnel.bench.nexmark.gen.NexmarkGenerator;
import dev.runnel.bench.nexmark.gen.Person;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/**
 * The i-th event of one kind as a Flink row, from the same generator (and so the same events) as
 * Runnel's streams: a cursor walks the event numbers and stops at each event of its kind. Called
 * with consecutive indexes by a single-split {@code DataGeneratorSource} (parallelism 1); another
 * index restarts the walk from the start.
 */
final class EventRows implements GeneratorFunction<Long, RowData> {
    private static final long serialVersionUID = 1L;

    private final GeneratorConfig config;
    private final EventKind kind;
    private transient NexmarkGenerator generator;
    private transient Person person;
    private transient Auction auction;
    private transient Bid bid;
    private transient long nextIndex;
    private transient long nextEvent;

    EventRows(GeneratorConfig config, EventKind kind) {
        this.config = config;
        this.kind = kind;
    }

    @Override
    public RowData map(Long index) {
        if (generator == null) {
            generator = new NexmarkGenerator(config);
            person = new Person();
            auction = new Auction();
            bid = new Bid();
        }
        if (index != nextIndex) {
            nextIndex = 0;
            nextEvent = 0;
            while (nextIndex < index) {
                if (generator.kind(nextEvent++) == kind) {
                    nextIndex++;
                }
            }
        }
        while (generator.kind(nextEvent) != kind) {
            nextEvent++;
        }
        long n = nextEvent++;
        nextIndex++;
        switch (kind) {
            case PERSON:
                generator.person(n, person);
                return GenericRowData.of(person.id, s(person.name), s(person.emailAddress), s(person.creditCard),
                        s(person.city), s(person.state), TimestampData.fromEpochMillis(person.dateTime), s(person.extra));
            case AUCTION:
                generator.auction(n, auction);
                return GenericRowData.of(auction.id, s(auction.itemName), s(auction.description), auction.initialBid,
                        auction.reserve, TimestampData.fromEpochMillis(auction.dateTime),
                        TimestampData.fromEpochMillis(auction.expires), auction.seller, auction.category, s(auction.extra));
            default:
                generator.bid(n, bid);
                return GenericRowData.of(bid.auction, bid.bidder, bid.price, s(bid.channel), s(bid.url),
                        TimestampData.fromEpochMillis(bid.dateTime), s(bid.extra));
        }
    }

    private static StringData s(String v) {
        return StringData.fromString(v);
    }
}
