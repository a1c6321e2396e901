package dev.runnel.log.kafka;

import dev.runnel.log.InvalidConfigException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach a Kafka cluster and lay Runnel's topics out in it. Immutable.
 *
 * @param bootstrap        {@code host:port[,host:port...]} of one or more brokers
 * @param namespace        prefix of every Kafka topic and consumer group this store uses ({@code ""}: none), so
 *                         several Runnel deployments (or tests) can share one cluster; a logical topic
 *                         {@code bids} is the Kafka topic {@code namespace + "bids"}
 * @param replication      replication factor of topics this store creates; -1: the broker's default
 * @param connectAttempts  how often opening tries to reach the cluster before giving up
 * @param connectBackoffMs wait after the first failed attempt; doubled after each further one (at most 10 s)
 * @param connectTimeoutMs how long one attempt waits for the cluster to answer
 * @param requestTimeoutMs how long one admin or produce request may take before it fails
 * @param clientProperties extra Kafka client properties (security, for example), given to every client
 */
public record KafkaStoreOptions(String bootstrap, String namespace, int replication, int connectAttempts,
        long connectBackoffMs, long connectTimeoutMs, long requestTimeoutMs, Clock clock, Map<String, String> clientProperties) {

    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._-]{0,100}");

    public KafkaStoreOptions {
        Objects.requireNonNull(bootstrap, "bootstrap");
        if (bootstrap.isBlank()) {
            throw new InvalidConfigException("the Kafka bootstrap address is empty: give host:port");
        }
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new InvalidConfigException("Kafka namespace '" + namespace
                    + "' is invalid: use up to 100 letters, digits, '.', '_' or '-'");
        }
        if (replication == 0 || replication < -1) {
            throw new InvalidConfigException("replication must be -1 (broker default) or >= 1, was " + replication);
        }
        if (connectAttempts < 1 || connectBackoffMs < 0 || connectTimeoutMs < 1 || requestTimeoutMs < 1) {
            throw new InvalidConfigException("connect attempts must be >= 1, back-off >= 0 and timeouts >= 1");
        }
        Objects.requireNonNull(clock, "clock");
        clientProperties = Map.copyOf(clientProperties);
    }

    /**
     * Defaults: no namespace, broker-default replication, 5 connection attempts of 5 s each from a
     * 200 ms back-off (about 30 s in all before giving up), 30 s per request.
     */
    public static KafkaStoreOptions of(String bootstrap) {
        return new KafkaStoreOptions(bootstrap, "", -1, 5, 200, 5_000, 30_000, Clock.systemUTC(), Map.of());
    }

    public KafkaStoreOptions withNamespace(String ns) {
        return new KafkaStoreOptions(bootstrap, ns, replication, connectAttempts, connectBackoffMs,
                connectTimeoutMs, requestTimeoutMs, clock, clientProperties);
    }

    public KafkaStoreOptions withReplication(int factor) {
        return new KafkaStoreOptions(bootstrap, namespace, factor, connectAttempts, connectBackoffMs,
                connectTimeoutMs, requestTimeoutMs, clock, clientProperties);
    }

    public KafkaStoreOptions withConnectRetries(int attempts, long backoffMs) {
        return new KafkaStoreOptions(bootstrap, namespace, replication, attempts, backoffMs, connectTimeoutMs,
                requestTimeoutMs, clock, clientProperties);
    }

    public KafkaStoreOptions withConnectTimeoutMs(long ms) {
        return new KafkaStoreOptions(bootstrap, namespace, replication, connectAttempts, connectBackoffMs, ms,
                requestTimeoutMs, clock, clientProperties);
    }

    public KafkaStoreOptions withRequestTimeoutMs(long ms) {
        return new KafkaStoreOptions(bootstrap, namespace, replication, connectAttempts, connectBackoffMs,
                connectTimeoutMs, ms, clock, clientProperties);
    }

    public KafkaStoreOptions withClock(Clock c) {
        return new KafkaStoreOptions(bootstrap, namespace, replication, connectAttempts, connectBackoffMs,
                connectTimeoutMs, requestTimeoutMs, c, clientProperties);
    }

    public KafkaStoreOptions withClientProperties(Map<String, String> props) {
        return new KafkaStoreOptions(bootstrap, namespace, replication, connectAttempts, connectBackoffMs,
                connectTimeoutMs, requestTimeoutMs, clock, props);
    }
}
