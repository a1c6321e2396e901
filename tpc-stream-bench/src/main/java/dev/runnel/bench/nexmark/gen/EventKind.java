package dev.runnel.bench.nexmark.gen;

/** The three Nexmark event kinds, each stored in its own stream (Flink's harness: event_type 0, 1, 2). */
public enum EventKind {
    PERSON("person"),
    AUCTION("auction"),
    BID("bid");

    private final String stream;

    EventKind(String stream) {
        this.stream = stream;
    }

    /** The name of the stream (and Flink table) holding events of this kind. */
    public String stream() {
        return stream;
    }
}
