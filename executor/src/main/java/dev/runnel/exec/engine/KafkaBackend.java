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
 * @param requestTimeoutMs how long one request to the cluster may take; an append (an INSERT's, a job's
 *                         commit) waits at most twice that for its acknowledgement, then fails
 */
public record KafkaBackend(String bootstrap, String namespace, int connectAttempts, long connectBackoffMs,
        long connectTimeoutMs, int replication, long requestTimeoutMs) {
    public KafkaBackend {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(namespace, "namespace");
    }

    /**
     * Defaults: no namespace, 5 attempts of 5 s from a 200 ms back-off (about 30 s before giving up),
     * 30 s per request.
     */
    public static KafkaBackend at(String bootstrap) {
        return new KafkaBackend(bootstrap, "", 5, 200, 5_000, -1, 30_000);
    }

    public KafkaBackend withNamespace(String ns) {
        return new KafkaBackend(bootstrap, ns, connectAttempts, connectBackoffMs, connectTimeoutMs, replication,
                requestTimeoutMs);
    }

    /** {@code attempts} attempts of {@code timeoutMs} each, the first retry after {@code backoffMs}. */
    public KafkaBackend withConnectRetries(int attempts, long backoffMs, long timeoutMs) {
        return new KafkaBackend(bootstrap, namespace, attempts, backoffMs, timeoutMs, replication, requestTimeoutMs);
    }

    /** Topics the engine creates get {@code factor} replicas (-1: the broker's default). */
    public KafkaBackend withReplication(int factor) {
        return new KafkaBackend(bootstrap, namespace, connectAttempts, connectBackoffMs, connectTimeoutMs, factor,
                requestTimeoutMs);
    }

    /** Each request to the cluster may take {@code ms}; an append waits at most twice that. */
    public KafkaBackend withRequestTimeout(long ms) {
        return new KafkaBackend(bootstrap, namespace, connectAttempts, connectBackoffMs, connectTimeoutMs, replication,
                ms);
    }
}
