package dev.runnel.log.kafka;

import dev.runnel.log.Consumer;
import dev.runnel.log.ConsumerConfig;
import dev.runnel.log.FetchResult;
import dev.runnel.log.OffsetOutOfRangeException;
import dev.runnel.log.StorageException;
import dev.runnel.log.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A {@link Consumer} over a {@link KafkaConsumer}: assign or subscribe (Kafka's classic group protocol,
 * range or sticky assignor), polls re-encoded into Runnel batches per partition, commits to
 * Kafka's group offsets. Not thread-safe, like the consumer it wraps.
 */
final class KafkaLogConsumer implements Consumer {
    private final KafkaLogStore store;
    private final ConsumerConfig config;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final BatchEncoder encoder = new BatchEncoder();

    KafkaLogConsumer(KafkaLogStore store, ConsumerConfig config) {
        this.store = store;
        this.config = config;
        Properties p = new Properties();
        p.putAll(store.clientProperties());
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                config.offsetReset().name().toLowerCase(Locale.ROOT));
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                Integer.toString(config.maxFetchBytes()));
        if (config.groupId() != null) {
            p.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, store.kafkaGroup(config.groupId()));
            p.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
            p.put(org.apache.kafka.clients.consumer.ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                    Long.toString(Math.max(6_000, config.sessionTimeoutMs())));
            p.put(org.apache.kafka.clients.consumer.ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    config.assignor().equals("range") ? org.apache.kafka.clients.consumer.RangeAssignor.class.getName()
                            : org.apache.kafka.clients.consumer.StickyAssignor.class.getName());
        }
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private List<org.apache.kafka.common.TopicPartition> kafka(Collection<TopicPartition> tps) {
        return tps.stream().map(store::kafka).toList();
    }

    private TopicPartition runnel(org.apache.kafka.common.TopicPartition k) {
        return new TopicPartition(store.runnelName(k.topic()), k.partition());
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        consumer.assign(kafka(partitions));
        for (TopicPartition tp : partitions) {
            position(tp); // resolves the start now, as the embedded consumer does (NONE fails here)
        }
    }

    @Override
    public void subscribe(Collection<String> topics) {
        if (config.groupId() == null) {
            throw new dev.runnel.log.GroupException("subscribe needs a consumer group: set ConsumerConfig.groupId");
        }
        consumer.subscribe(topics.stream().map(store::kafkaName).toList());
    }

    @Override
    public Set<TopicPartition> assignment() {
        return consumer.assignment().stream().map(this::runnel).collect(Collectors.toSet());
    }

    @Override
    public List<FetchResult> poll(Duration timeout) {
        ConsumerRecords<byte[], byte[]> polled;
        try {
            polled = consumer.poll(timeout);
        } catch (org.apache.kafka.clients.consumer.OffsetOutOfRangeException e) {
            var first = e.offsetOutOfRangePartitions().entrySet().iterator().next();
            TopicPartition tp = runnel(first.getKey());
            throw store.outOfRange(tp, first.getValue());
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while polling", e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw KafkaErrors.map(e, "poll");
        }
        List<FetchResult> out = new ArrayList<>();
        for (org.apache.kafka.common.TopicPartition k : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(k);
            TopicPartition tp = runnel(k);
            long position = consumer.position(k);
            int from = 0;
            while (from < records.size()) {
                BatchEncoder.Encoded e = encoder.encode(records, from, Integer.MAX_VALUE, position);
                out.add(new FetchResult(tp, records.get(from).offset(), e.batches().asReadOnlyBuffer(), -1, -1));
                from += e.used();
            }
        }
        return out;
    }

    @Override
    public long position(TopicPartition partition) {
        try {
            return consumer.position(store.kafka(partition));
        } catch (NoOffsetForPartitionException e) {
            throw new OffsetOutOfRangeException(partition, -1, store.logStartOffset(partition),
                    store.logEndOffset(partition));
        } catch (org.apache.kafka.common.KafkaException e) {
            throw KafkaErrors.map(e, "find the position in " + partition);
        }
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
        consumer.seek(store.kafka(partition), offset);
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        consumer.seekToBeginning(kafka(partitions));
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        consumer.seekToEnd(kafka(partitions));
    }

    @Override
    public void seekToTimestamp(Collection<TopicPartition> partitions, long timestamp) {
        for (TopicPartition tp : partitions) {
            OptionalLong o = store.offsetForTimestamp(tp, timestamp);
            consumer.seek(store.kafka(tp), o.isPresent() ? o.getAsLong() : store.logEndOffset(tp));
        }
    }

    @Override
    public void commitSync() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (org.apache.kafka.common.TopicPartition k : consumer.assignment()) {
            positions.put(runnel(k), consumer.position(k));
        }
        commitSync(positions);
    }

    @Override
    public void commitSync(Map<TopicPartition, Long> offsets) {
        if (config.groupId() == null) {
            throw new dev.runnel.log.GroupException("commit needs a consumer group: set ConsumerConfig.groupId");
        }
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        offsets.forEach((tp, o) -> m.put(store.kafka(tp), new OffsetAndMetadata(o)));
        try {
            consumer.commitSync(m);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw KafkaErrors.map(e, "commit offsets");
        }
    }

    @Override
    public OptionalLong committed(TopicPartition partition) {
        if (config.groupId() == null) {
            return OptionalLong.empty();
        }
        OffsetAndMetadata o = consumer.committed(Set.of(store.kafka(partition))).get(store.kafka(partition));
        return o == null ? OptionalLong.empty() : OptionalLong.of(o.offset());
    }

    @Override
    public void close() {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
