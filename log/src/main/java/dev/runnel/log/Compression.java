package dev.runnel.log;

import java.util.Locale;

/** Compression codec of a record batch's records section; the id is stored in the batch attributes. */
public enum Compression {
    NONE(0),
    LZ4(1),
    ZSTD(2);

    public final int id;

    Compression(int id) {
        this.id = id;
    }

    public static Compression ofId(int id) {
        for (Compression c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        throw new CorruptRecordException("unknown compression id " + id);
    }

    public static Compression parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("compression must be none, lz4 or zstd, was '" + s + "'");
        }
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
