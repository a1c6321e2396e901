package dev.runnel.bench.flink;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.ScalarFunction;

/** q14's UDF {@code count_char(s, c)}: how many bytes of {@code s} equal the first byte of {@code c} (the reference's semantics). */
public final class CountChar extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    public long eval(@DataTypeHint("STRING") StringData s, @DataTypeHint("STRING") StringData character) {
        long count = 0;
        if (s != null) {
            byte chr = character.toBytes()[0];
            for (byte b : s.toBytes()) {
                if (b == chr) {
                    count++;
                }
            }
        }
        return count;
    }
}
