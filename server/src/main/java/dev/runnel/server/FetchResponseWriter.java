package dev.runnel.server;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.Service;

/**
 * Writes a {@link Service.FetchResponse} — how a push query's rows reach a remote client — as the
 * protobuf bytes Avatica's translation would send, straight from the frame's rows, in one array
 * and without building a protobuf message per value (Avatica's {@code Frame.toProto} builds a
 * TypedValue, a ColumnValue and a Row message per row and value, which was most of a server's
 * CPU for a few subscriptions). Layout, all proto3, fields with default values left out:
 *
 * <pre>
 * WireMessage { name = 1: "...Responses$FetchResponse", wrapped_message = 2: bytes of
 *   FetchResponse { frame = 1: Frame { offset = 1: uint64, done = 2: bool,
 *                                      rows = 3: repeated Row { value = 1: repeated ColumnValue {
 *                                        scalar_value = 4: TypedValue { type = 1: Rep, bool_value = 2,
 *                                          string_value = 3, number_value = 4: sint64, double_value = 6,
 *                                          null = 7 } } } },
 *                   missing_statement = 2, missing_results = 3,
 *                   metadata = 4: RpcMetadata { server_address = 1 } } }
 * </pre>
 *
 * <p>Values are encoded as Avatica's {@code TypedValue.toProto} does for the classes a Runnel frame
 * holds (Long, Integer, Double, BigDecimal, String, Boolean, null). A column carries its value once,
 * as {@code scalar_value}: Avatica also repeats it in the deprecated {@code value} field, which its
 * clients read only from servers older than Calcite 1.5 (that send no {@code scalar_value}).
 * A frame with any other value or row shape is left to Avatica ({@link #write} returns null).
 * Stateless.
 */
final class FetchResponseWriter {
    private static final byte[] NAME = Responses.FetchResponse.class.getName().getBytes(StandardCharsets.UTF_8);
    private static final int LONG = Common.Rep.LONG.getNumber();
    private static final int INTEGER = Common.Rep.INTEGER.getNumber();
    private static final int DOUBLE = Common.Rep.DOUBLE.getNumber();
    private static final int BIG_DECIMAL = Common.Rep.BIG_DECIMAL.getNumber();
    private static final int STRING = Common.Rep.STRING.getNumber();
    private static final int BOOLEAN = Common.Rep.BOOLEAN.getNumber();
    private static final int NULL = Common.Rep.NULL.getNumber();

    private FetchResponseWriter() {}

    /** The response's bytes, or null when its frame holds something this writer does not encode. */
    static byte[] write(Service.FetchResponse response) throws IOException {
        Meta.Frame frame = response.frame;
        if (frame == null) {
            return null;
        }
        Sizes sizes = new Sizes();
        int frameSize = sizes.frame(frame);
        if (frameSize < 0) {
            return null;
        }
        byte[] address = response.rpcMetadata == null || response.rpcMetadata.serverAddress == null ? null
                : response.rpcMetadata.serverAddress.getBytes(StandardCharsets.UTF_8);
        int metadataSize = address == null ? -1 : address.length == 0 ? 0 : bytesField(address.length);
        int fetchSize = messageField(frameSize) + (response.missingStatement ? 2 : 0)
                + (response.missingResults ? 2 : 0) + (metadataSize < 0 ? 0 : messageField(metadataSize));
        byte[] out = new byte[bytesField(NAME.length) + bytesField(fetchSize)];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        o.writeByteArray(Common.WireMessage.NAME_FIELD_NUMBER, NAME);
        o.writeTag(Common.WireMessage.WRAPPED_MESSAGE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        o.writeUInt32NoTag(fetchSize);
        o.writeTag(Responses.FetchResponse.FRAME_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        o.writeUInt32NoTag(frameSize);
        sizes.writeFrame(frame, o);
        if (response.missingStatement) {
            o.writeBool(Responses.FetchResponse.MISSING_STATEMENT_FIELD_NUMBER, true);
        }
        if (response.missingResults) {
            o.writeBool(Responses.FetchResponse.MISSING_RESULTS_FIELD_NUMBER, true);
        }
        if (metadataSize >= 0) {
            o.writeTag(Responses.FetchResponse.METADATA_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            o.writeUInt32NoTag(metadataSize);
            if (address.length > 0) {
                o.writeByteArray(Responses.RpcMetadata.SERVER_ADDRESS_FIELD_NUMBER, address);
            }
        }
        o.checkNoSpaceLeft();
        return out;
    }

    /** A length-delimited field of a one-byte tag: tag, length, bytes. */
    private static int bytesField(int length) {
        return 1 + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
    }

    private static int messageField(int size) {
        return bytesField(size);
    }

    /** The size of each row, found in a first pass over the frame for the second (values are sized again as written). */
    private static final class Sizes {
        private int[] rowSizes;

        /** The frame's encoded size, or -1 when it holds something not encoded here. */
        int frame(Meta.Frame frame) {
            rowSizes = new int[frame.rows instanceof java.util.Collection<?> c ? Math.max(1, c.size()) : 16];
            int size = (frame.offset != 0 ? 1 + CodedOutputStream.computeUInt64SizeNoTag(frame.offset) : 0)
                    + (frame.done ? 2 : 0);
            int rows = 0;
            for (Object row : frame.rows) {
                if (row == null) {
                    continue; // Avatica skips them too
                }
                if (!(row instanceof Object[] columns)) {
                    return -1;
                }
                int rowSize = 0;
                for (Object v : columns) {
                    int valueSize = value(v);
                    if (valueSize < 0) {
                        return -1;
                    }
                    rowSize += messageField(messageField(valueSize)); // ColumnValue { scalar_value }
                }
                if (rows == rowSizes.length) {
                    rowSizes = Arrays.copyOf(rowSizes, rows * 2);
                }
                rowSizes[rows++] = rowSize;
                size += messageField(rowSize);
            }
            return size;
        }

        /** The size of {@code v}'s TypedValue, or -1 for a class not encoded here. */
        private static int value(Object v) {
            if (v == null) {
                return enumSize(NULL) + 2;
            } else if (v instanceof Long l) {
                return enumSize(LONG) + numberSize(l);
            } else if (v instanceof Integer i) {
                return enumSize(INTEGER) + numberSize(i);
            } else if (v instanceof String s) {
                return enumSize(STRING) + (s.isEmpty() ? 0 : 1 + CodedOutputStream.computeStringSizeNoTag(s));
            } else if (v instanceof BigDecimal d) { // its toString() is cached: made once for both passes
                return enumSize(BIG_DECIMAL) + 1 + CodedOutputStream.computeStringSizeNoTag(d.toString());
            } else if (v instanceof Boolean b) {
                return enumSize(BOOLEAN) + (b ? 2 : 0);
            } else if (v instanceof Double d) {
                return enumSize(DOUBLE) + (Double.doubleToRawLongBits(d) != 0 ? 9 : 0);
            }
            return -1;
        }

        private static int enumSize(int rep) {
            return rep == 0 ? 0 : 1 + CodedOutputStream.computeEnumSizeNoTag(rep);
        }

        private static int numberSize(long n) {
            return n == 0 ? 0 : 1 + CodedOutputStream.computeSInt64SizeNoTag(n);
        }

        /** Writes the frame's fields (the sizes must come from {@link #frame} over the same frame). */
        void writeFrame(Meta.Frame frame, CodedOutputStream o) throws IOException {
            if (frame.offset != 0) {
                o.writeUInt64(Common.Frame.OFFSET_FIELD_NUMBER, frame.offset);
            }
            if (frame.done) {
                o.writeBool(Common.Frame.DONE_FIELD_NUMBER, true);
            }
            int row = 0;
            for (Object r : frame.rows) {
                if (r == null) {
                    continue;
                }
                o.writeTag(Common.Frame.ROWS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                o.writeUInt32NoTag(rowSizes[row++]);
                for (Object v : (Object[]) r) {
                    int size = value(v);
                    o.writeTag(Common.Row.VALUE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    o.writeUInt32NoTag(messageField(size));
                    o.writeTag(Common.ColumnValue.SCALAR_VALUE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    o.writeUInt32NoTag(size);
                    writeValue(v, o);
                }
            }
        }

        private static void writeValue(Object v, CodedOutputStream o) throws IOException {
            int type = Common.TypedValue.TYPE_FIELD_NUMBER;
            if (v == null) {
                o.writeEnum(type, NULL);
                o.writeBool(Common.TypedValue.NULL_FIELD_NUMBER, true);
            } else if (v instanceof Long l) {
                o.writeEnum(type, LONG);
                writeNumber(l, o);
            } else if (v instanceof Integer i) {
                o.writeEnum(type, INTEGER);
                writeNumber(i, o);
            } else if (v instanceof String s) {
                o.writeEnum(type, STRING);
                if (!s.isEmpty()) {
                    o.writeString(Common.TypedValue.STRING_VALUE_FIELD_NUMBER, s);
                }
            } else if (v instanceof BigDecimal d) {
                o.writeEnum(type, BIG_DECIMAL);
                o.writeString(Common.TypedValue.STRING_VALUE_FIELD_NUMBER, d.toString());
            } else if (v instanceof Boolean b) {
                o.writeEnum(type, BOOLEAN);
                if (b) {
                    o.writeBool(Common.TypedValue.BOOL_VALUE_FIELD_NUMBER, true);
                }
            } else {
                double d = (Double) v;
                o.writeEnum(type, DOUBLE);
                if (Double.doubleToRawLongBits(d) != 0) {
                    o.writeDouble(Common.TypedValue.DOUBLE_VALUE_FIELD_NUMBER, d);
                }
            }
        }

        private static void writeNumber(long n, CodedOutputStream o) throws IOException {
            if (n != 0) {
                o.writeSInt64(Common.TypedValue.NUMBER_VALUE_FIELD_NUMBER, n);
            }
        }
    }
}
