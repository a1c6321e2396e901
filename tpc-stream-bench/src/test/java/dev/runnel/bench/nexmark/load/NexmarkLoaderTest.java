package dev.runnel.bench.nexmark.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.bench.nexmark.gen.Bid;
import dev.runnel.bench.nexmark.gen.EventKind;
import dev.runnel.bench.nexmark.gen.GeneratorConfig;
import dev.runnel.bench.nexmark.gen.NexmarkGenerator;
import dev.runnel.bench.nexmark.gen.Person;
import dev.runnel.bench.nexmark.run.RunnelQueryRunner;
import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.Session;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Loading generated events into the three streams through the normal ingest path, read back by SQL. */
@Timeout(120)
class NexmarkLoaderTest {
    /**
     * Runs a query on the calling thread (as the harness does), so a failure surfaces here instead of
     * on a query thread (once, under heavy load, a Session query's fetch waited forever).
     */
    static List<Object[]> rows(RunnelQueryRunner runner, String sql) {
        List<Object[]> out = new ArrayList<>();
        runner.run(sql, batch -> {
            for (int r = 0; r < batch.getRowCount(); r++) {
                Object[] row = new Object[batch.getFieldVectors().size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = Vectors.get(batch.getVector(c), r);
                }
                out.add(row);
            }
        });
        return out;
    }

    @Test
    void everyEventLandsInItsStreamAndReadsBackAsGenerated() {
        GeneratorConfig config = GeneratorConfig.defaults();
        NexmarkGenerator gen = new NexmarkGenerator(config);
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession();
             RootAllocator allocator = new RootAllocator(); RunnelQueryRunner q = new RunnelQueryRunner(engine, RunnelQueryRunner.Mode.PULL, 0)) {
            NexmarkLoader.createStreams(s);
            NexmarkLoader.Result r = NexmarkLoader.load(engine, gen, 10_000, 1_000, allocator);
            assertThat(r.rows()).containsEntry(EventKind.PERSON, 200L).containsEntry(EventKind.AUCTION, 600L)
                    .containsEntry(EventKind.BID, 9_200L);
            assertThat(rows(q, "SELECT COUNT(*) FROM person").get(0)[0]).isEqualTo(200L);
            assertThat(rows(q, "SELECT COUNT(*) FROM auction").get(0)[0]).isEqualTo(600L);
            assertThat(rows(q, "SELECT COUNT(*) FROM bid").get(0)[0]).isEqualTo(9_200L);

            Bid b = new Bid();
            gen.bid(9_999, b); // the last event is a bid; with one partition it is the last row
            Object[] last = rows(q, "SELECT auction, bidder, price, channel, url, date_time, extra, _offset FROM bid "
                    + "WHERE _offset = 9199").get(0);
            assertThat(last).containsExactly(b.auction, b.bidder, b.price, b.channel, b.url, b.dateTime, b.extra,
                    9_199L);

            Person p = new Person();
            gen.person(50, p);
            Object[] second = rows(q, "SELECT id, name, email_address, credit_card, city, state, date_time, extra "
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
