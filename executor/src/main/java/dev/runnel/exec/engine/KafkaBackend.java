package dev.runnel.exec.engine;

import java.util.Objects;

/**
 * Where an engine's log lives when it is on Kafka: the cluster's bootstrap address, the namespace
 * in front of every topic and group name (empty: none; lets several deployments share a cluster),
 * and how long to keep trying to reach the cluster at start. Immutable.
 *
 * @param connectAttempts  attempts to reach the cluster before the engine refuses to start
 * @param connectBackoffMs wait after the first failed attempt, doubled after each further one
 */
public record KafkaBackend(String bootstrap, String namespace, int connectAttempts, long connectBackoffMs) {
    public KafkaBackend {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** Defaults: no namespace, 5 attempts from a 200 ms back-off. */
    public static KafkaBackend at(String bootstrap) {
        return new KafkaBackend(bootstrap, "", 5, 200);
    }

    public KafkaBackend withNamespace(String ns) {
        return new KafkaBackend(bootstrap, ns, connectAttempts, connectBackoffMs);
    }

    public KafkaBackend withConnectRetries(int attempts, long backoffMs) {
        return new KafkaBackend(bootstrap, namespace, attempts, backoffMs);
    }
}
