package dev.runnel.log;

import java.util.List;

/** A topic's configuration and the state of each partition, as the admin API reports it. Immutable. */
public record TopicDescription(String name, boolean internal, TopicConfig config, List<PartitionInfo> partitions) {

    /** One partition's offsets and storage. */
    public record PartitionInfo(int partition, long logStartOffset, long logEndOffset, long sizeInBytes,
            int segmentCount) {}

    public TopicDescription {
        partitions = List.copyOf(partitions);
    }

    public long totalBytes() {
        return partitions.stream().mapToLong(PartitionInfo::sizeInBytes).sum();
    }

    public long totalRecordsSpan() {
        return partitions.stream().mapToLong(p -> p.logEndOffset() - p.logStartOffset()).sum();
    }
}
