package dev.runnel.log.kafka;

import dev.runnel.log.GroupException;
import dev.runnel.log.InvalidConfigException;
import dev.runnel.log.LogException;
import dev.runnel.log.RecordTooLargeException;
import dev.runnel.log.StorageException;
import dev.runnel.log.UnavailableException;
import dev.runnel.log.TopicExistsException;
import dev.runnel.log.UnknownTopicException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Kafka client errors as the log's {@link LogException}s, each naming what was being done. Stateless. */
final class KafkaErrors {
    private KafkaErrors() {}

    /** Waits for a Kafka future, mapping its failure; {@code what} names the operation in messages. */
    static <T> T get(Future<T> f, long timeoutMs, String what) {
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting to " + what, e);
        } catch (TimeoutException e) {
            throw new UnavailableException("Kafka did not answer within " + timeoutMs + " ms to " + what, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw map(c, what);
        }
    }

    static LogException map(Throwable c, String what) {
        String msg = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        if (c instanceof LogException le) {
            return le;
        }
        if (c instanceof org.apache.kafka.common.errors.TopicExistsException) {
            return new TopicExistsException("cannot " + what + ": the topic already exists in Kafka");
        }
        if (c instanceof UnknownTopicOrPartitionException) {
            return new UnknownTopicException("cannot " + what + ": no such topic or partition in Kafka");
        }
        if (c instanceof InvalidTopicException) {
            return new dev.runnel.log.InvalidTopicException("cannot " + what + ": " + msg);
        }
        if (c instanceof InvalidConfigurationException || c instanceof InvalidPartitionsException
                || c instanceof InvalidReplicationFactorException || c instanceof PolicyViolationException) {
            return new InvalidConfigException("cannot " + what + ": " + msg);
        }
        if (c instanceof org.apache.kafka.common.errors.RecordTooLargeException
                || c instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException) {
            return new RecordTooLargeException("cannot " + what + ": " + msg);
        }
        if (c instanceof GroupNotEmptyException || c instanceof GroupIdNotFoundException) {
            return new GroupException("cannot " + what + ": " + msg);
        }
        if (c instanceof org.apache.kafka.common.errors.TimeoutException
                || c instanceof org.apache.kafka.common.errors.DisconnectException
                || c instanceof org.apache.kafka.common.errors.NetworkException
                || c instanceof org.apache.kafka.common.errors.NotEnoughReplicasException
                || c instanceof org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException
                || c instanceof org.apache.kafka.common.errors.CoordinatorNotAvailableException
                || c instanceof org.apache.kafka.common.errors.LeaderNotAvailableException
                || c instanceof org.apache.kafka.common.errors.NotLeaderOrFollowerException) {
            return new UnavailableException("cannot " + what + ": Kafka is not reachable (" + msg + ")", c);
        }
        return new StorageException("cannot " + what + " on Kafka: " + msg, c);
    }
}
