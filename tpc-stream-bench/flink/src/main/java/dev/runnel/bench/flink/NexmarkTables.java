package dev.runnel.bench.flink;

import dev.runnel.bench.nexmark.gen.EventKind;
import dev.runnel.bench.nexmark.gen.GeneratorConfig;
import dev.runnel.bench.nexmark.gen.NexmarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Registers the views {@code person}, {@code auction} and {@code bid} in a table environment: each a
 * {@code DataGeneratorSource} over the Nexmark generator (the events of its kind among the first
 * {@code events}), with the columns of Runnel's streams and
 * {@code WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND}. Like the reference's nexmark
 * connector, the source makes events in the JVM as fast as it can.
 */
final class NexmarkTables {
    private NexmarkTables() {}

    static void register(StreamExecutionEnvironment env, StreamTableEnvironment tEnv, GeneratorConfig config,
            long events) {
        NexmarkGenerator counter = new NexmarkGenerator(config);
        register(env, tEnv, config, EventKind.PERSON, counter.count(EventKind.PERSON, events), new String[] {"id",
            "name", "email_address", "credit_card", "city", "state", "date_time", "extra"}, new DataType[] {
                DataTypes.BIGINT(), DataTypes.STRING(), DataTypes.STRING(), DataTypes.STRING(), DataTypes.STRING(),
                DataTypes.STRING(), DataTypes.TIMESTAMP(3), DataTypes.STRING()});
        register(env, tEnv, config, EventKind.AUCTION, counter.count(EventKind.AUCTION, events), new String[] {"id",
            "item_name", "description", "initial_bid", "reserve", "date_time", "expires", "seller", "category",
            "extra"}, new DataType[] {DataTypes.BIGINT(), DataTypes.STRING(), DataTypes.STRING(), DataTypes.BIGINT(),
                DataTypes.BIGINT(), DataTypes.TIMESTAMP(3), DataTypes.TIMESTAMP(3), DataTypes.BIGINT(),
                DataTypes.BIGINT(), DataTypes.STRING()});
        register(env, tEnv, config, EventKind.BID, counter.count(EventKind.BID, events), new String[] {"auction",
            "bidder", "price", "channel", "url", "date_time", "extra"}, new DataType[] {DataTypes.BIGINT(),
                DataTypes.BIGINT(), DataTypes.BIGINT(), DataTypes.STRING(), DataTypes.STRING(), DataTypes.TIMESTAMP(3),
                DataTypes.STRING()});
    }

    private static void register(StreamExecutionEnvironment env, StreamTableEnvironment tEnv, GeneratorConfig config,
            EventKind kind, long rows, String[] names, DataType[] types) {
        RowType rowType = (RowType) DataTypes.ROW(fields(names, types)).getLogicalType();
        DataGeneratorSource<RowData> source = new DataGeneratorSource<>(new EventRows(config, kind), rows,
                InternalTypeInfo.of(rowType));
        DataStream<RowData> stream = env.fromSource(source, WatermarkStrategy.noWatermarks(), "nexmark-" + kind.stream());
        Schema.Builder schema = Schema.newBuilder();
        for (int i = 0; i < names.length; i++) {
            schema.column(names[i], types[i]);
        }
        schema.watermark("date_time", "date_time - INTERVAL '4' SECOND");
        Table t = tEnv.fromDataStream(stream, schema.build());
        tEnv.createTemporaryView(kind.stream(), t);
    }

    private static DataTypes.Field[] fields(String[] names, DataType[] types) {
        DataTypes.Field[] f = new DataTypes.Field[names.length];
        for (int i = 0; i < names.length; i++) {
            f[i] = DataTypes.FIELD(names[i], types[i]);
        }
        return f;
    }
}
