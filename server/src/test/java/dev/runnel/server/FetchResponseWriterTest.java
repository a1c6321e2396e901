package dev.runnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;

/**
 * Fetched rows written by {@link FetchResponseWriter} parse, with Avatica's own client-side
 * translation, to exactly what Avatica's serialization of the same response parses to.
 */
class FetchResponseWriterTest {
    private final ProtobufTranslationImpl avatica = new ProtobufTranslationImpl();

    private static final Object[] EDGES = {null, 0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 0, -7, Integer.MIN_VALUE,
        0.0, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, 1.5e300, "", "x", "+U", "héllo ✓ 日本", "a\u0000b", "\uD800x", "x\uDFFF",
        BigDecimal.ZERO, new BigDecimal("-12.50"), new BigDecimal("1E+3"), new BigDecimal("0.000"), true, false};

    private static Object randomValue(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> EDGES[r.nextInt(EDGES.length)];
            case 1 -> r.nextLong() >> r.nextInt(64);
            case 2 -> r.nextInt();
            case 3 -> r.nextDouble() * 1e6 - 5e5;
            case 4 -> "s" + r.nextInt(100_000);
            case 5 -> BigDecimal.valueOf(r.nextLong() % 1_000_000_000L, r.nextInt(10));
            case 6 -> r.nextBoolean();
            default -> null;
        };
    }

    private Service.FetchResponse parsedByAvatica(byte[] bytes) throws Exception {
        return (Service.FetchResponse) avatica.parseResponse(bytes);
    }

    private void assertSameAsAvatica(Service.FetchResponse response) throws Exception {
        byte[] ours = FetchResponseWriter.write(response);
        assertThat(ours).isNotNull();
        Service.FetchResponse expected = parsedByAvatica(avatica.serializeResponse(response));
        Service.FetchResponse actual = parsedByAvatica(ours);
        assertThat(actual.frame.offset).isEqualTo(expected.frame.offset);
        assertThat(actual.frame.done).isEqualTo(expected.frame.done);
        assertThat(actual.frame.rows).isEqualTo(expected.frame.rows);
        assertThat(actual.missingStatement).isEqualTo(expected.missingStatement);
        assertThat(actual.missingResults).isEqualTo(expected.missingResults);
        assertThat(actual.rpcMetadata == null ? null : actual.rpcMetadata.serverAddress)
                .isEqualTo(expected.rpcMetadata == null ? null : expected.rpcMetadata.serverAddress);
        assertThat(ours.length).isLessThanOrEqualTo(avatica.serializeResponse(response).length);
    }

    @Test
    void everyValueKindAndEdgeParsesAsAvaticasOwnEncoding() throws Exception {
        List<Object> rows = new ArrayList<>();
        for (Object v : EDGES) {
            rows.add(new Object[] {v});
        }
        rows.add(EDGES.clone());
        assertSameAsAvatica(new Service.FetchResponse(new Meta.Frame(0, false, rows), false, false, null));
    }

    @Test
    void randomFramesFlagsAndMetadataParseAsAvaticasOwnEncoding() throws Exception {
        Random r = new Random(42);
        for (int round = 0; round < 300; round++) {
            int columns = 1 + r.nextInt(6);
            List<Object> rows = new ArrayList<>();
            for (int i = r.nextInt(round % 10 == 0 ? 2_000 : 20); i > 0; i--) {
                Object[] row = new Object[columns];
                Arrays.setAll(row, c -> randomValue(r));
                rows.add(row);
                if (r.nextInt(50) == 0) {
                    rows.add(null); // skipped, as Avatica skips it
                }
            }
            long offset = r.nextBoolean() ? 0 : r.nextLong() & Long.MAX_VALUE >>> r.nextInt(63);
            Service.RpcMetadataResponse metadata = r.nextBoolean() ? null
                    : new Service.RpcMetadataResponse("host-" + r.nextInt(100) + ":8765");
            assertSameAsAvatica(new Service.FetchResponse(new Meta.Frame(offset, r.nextBoolean(), rows),
                    r.nextBoolean(), r.nextBoolean(), metadata));
        }
    }

    @Test
    void aFrameWithAValueOfAnotherKindIsLeftToAvatica() throws Exception {
        Service.FetchResponse withTimestamp = new Service.FetchResponse(new Meta.Frame(0, true,
                List.<Object>of((Object) new Object[] {1L, new Timestamp(0)})), false, false, null);
        assertThat(FetchResponseWriter.write(withTimestamp)).isNull();
        Service.FetchResponse listRows = new Service.FetchResponse(new Meta.Frame(0, true,
                List.<Object>of(List.of(1L))), false, false, null);
        assertThat(FetchResponseWriter.write(listRows)).isNull();
        RunnelProtobufTranslation translation = new RunnelProtobufTranslation();
        assertThat(translation.serializeResponse(withTimestamp)).isEqualTo(avatica.serializeResponse(withTimestamp));
        assertThat(FetchResponseWriter.write(new Service.FetchResponse(null, true, false, null))).isNull();
    }
}
