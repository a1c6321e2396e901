package dev.runnel.bench.nexmark.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.bench.nexmark.gen.Bid;
import dev.runnel.bench.nexmark.gen.EventKind;
import dev.runnel.bench.nexmark.gen.GeneratorConfig;
import dev.runnel.bench.nexmark.gen.NexmarkGenerator;
import dev.runnel.bench.nexmark.gen.Person;
import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** Loading generated events into the three streams through the normal ingest path, read back by SQL. */
class NexmarkLoaderTest {
    static List<Object[]> rows(Session s, String sql) {
        List<Object[]> out = new ArrayList<>();
        try (RowResult r = (RowResult) s.execute(sql)) {
            List<Object[]> chunk;
            while (!(chunk = r.fetch(1000)).isEmpty()) {
                out.addAll(chunk);
            }
        }
        return out;
    }

    @Test
    void everyEventLandsInItsStreamAndReadsBackAsGenerated() {
        GeneratorConfig config = GeneratorConfig.defaults();
        NexmarkGenerator gen = new NexmarkGenerator(config);
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession();
             RootAllocator allocator = new RootAllocator()) {
            NexmarkLoader.createStreams(s);
            NexmarkLoader.Result r = NexmarkLoader.load(engine, gen, 10_000, 1_000, allocator);
            assertThat(r.rows()).containsEntry(EventKind.PERSON, 200L).containsEntry(EventKind.AUCTION, 600L)
                    .containsEntry(EventKind.BID, 9_200L);
            assertThat(rows(s, "SELECT COUNT(*) FROM person").get(0)[0]).isEqualTo(200L);
            assertThat(rows(s, "SELECT COUNT(*) FROM auction").get(0)[0]).isEqualTo(600L);
            assertThat(rows(s, "SELECT COUNT(*) FROM bid").get(0)[0]).isEqualTo(9_200L);

            Bid b = new Bid();
            gen.bid(9_999, b); // the last event is a bid; with one partition it is the last row
            Object[] last = rows(s, "SELECT auction, bidder, price, channel, url, date_time, extra, _offset FROM bid "
                    + "WHERE _offset = 9199").get(0);
            assertThat(last).containsExactly(b.auction, b.bidder, b.price, b.channel, b.url, b.dateTime, b.extra,
                    9_199L);

            Person p = new Person();
            gen.person(50, p);
            Object[] second = rows(s, "SELECT id, name, email_address, credit_card, city, state, date_time, extra "
                    + "FROM person WHERE id = 1001").get(0);
            assertThat(second).containsExactly(p.id, p.name, p.emailAddress, p.creditCard, p.city, p.state,
                    p.dateTime, p.extra);
        }
    }

    @Test
    void theStreamsHaveTheReferenceWatermark() {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            NexmarkLoader.createStreams(s);
            NexmarkLoader.createStreams(s); // IF NOT EXISTS: a second run changes nothing
            for (EventKind k : EventKind.values()) {
                var def = engine.catalog().find(k.stream()).orElseThrow();
                assertThat(def.watermark()).hasValueSatisfying(w -> {
                    assertThat(def.columns().get(w.column()).name()).isEqualTo("date_time");
                    assertThat(w.delayMillis()).isEqualTo(4_000);
                });
            }
        }
    }
}
