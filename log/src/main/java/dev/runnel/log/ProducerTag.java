package dev.runnel.log;

/**
 * Who wrote a batch, for writers that must not write the same rows twice when they replay after a
 * crash (a job committing its output once per checkpoint): the writer's id, its epoch (unit of
 * commit, e.g. the checkpoint number) and the sequence of the batch's first record within that
 * epoch. The log stores the tag in the batch header and hands it back on read
 * ({@link dev.runnel.log.record.RecordBatch#producerTag()}); it does not interpret it: a writer
 * that replays reads the tags after its last known position to learn what of an epoch is already
 * there. {@link #NONE} for ordinary appends.
 */
public record ProducerTag(long producerId, long epoch, long firstSequence) {
    public static final ProducerTag NONE = new ProducerTag(-1, -1, -1);

    /** The tag of a batch that starts {@code records} records later in the same epoch. */
    public ProducerTag advance(long records) {
        return producerId < 0 ? this : new ProducerTag(producerId, epoch, firstSequence + records);
    }

    public boolean isNone() {
        return producerId < 0;
    }
}
