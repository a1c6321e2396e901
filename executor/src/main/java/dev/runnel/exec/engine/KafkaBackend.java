package dev.runnel.exec.engine;

import java.util.Objects;

/**
 * Where an engine's log lives when it is on Kafka: the cluster's bootstrap address, the namespace
 * in front of every topic and group name (empty: none; lets several deployments share a cluster),
 * and how long to keep trying to reach the cluster at start. Immutable.
 *
 * @param connectAttempts  attempts to reach the cluster before the engine refuses to start
 * @param connectBackoffMs wait after the first failed attempt, doubled after each further one
 * @param connectTimeoutMs how long one attempt waits for the cluster to answer
 * @param replication      replication factor of the topics the engine creates; -1: the broker's default
 */
public record KafkaBackend(String bootstrap, String namespace, int connectAttempts, long connectBackoffMs,
        long connectTimeoutMs, int replication) {
    public KafkaBackend {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** Defaults: no namespace, 5 attempts of 5 s from a 200 ms back-off (about 30 s before giving up). */
    public static KafkaBackend at(String bootstrap) {
        return new KafkaBackend(bootstrap, "", 5, 200, 5_000, -1);
    }

    public KafkaBackend withNamespace(String ns) {
        return new KafkaBackend(bootstrap, ns, connectAttempts, connectBackoffMs, connectTimeoutMs, replication);
    }

    /** {@code attempts} attempts of {@code timeoutMs} each, the first retry after {@code backoffMs}. */
    public KafkaBackend withConnectRetries(int attempts, long backoffMs, long timeoutMs) {
        return new KafkaBackend(bootstrap, namespace, attempts, backoffMs, timeoutMs, replication);
    }

    /** Topics the engine creates get {@code factor} replicas (-1: the broker's default). */
    public KafkaBackend withReplication(int factor) {
        return new KafkaBackend(bootstrap, namespace, connectAttempts, connectBackoffMs, connectTimeoutMs, factor);
    }
}
