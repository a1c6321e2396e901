package dev.runnel.log.record;

import com.github.luben.zstd.Zstd;
import dev.runnel.log.Compression;
import dev.runnel.log.CorruptRecordException;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/** Compresses and decompresses a batch's records section. Thread-safe. */
final class Codecs {
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4Compressor LZ4_COMPRESSOR = LZ4.fastCompressor();
    private static final LZ4FastDecompressor LZ4_DECOMPRESSOR = LZ4.fastDecompressor();

    private Codecs() {}

    /** Compresses {@code src[0, len)}; returns a new array holding exactly the compressed bytes. */
    static byte[] compress(Compression c, byte[] src, int len) {
        return switch (c) {
            case NONE -> java.util.Arrays.copyOf(src, len);
            case LZ4 -> {
                byte[] out = new byte[LZ4_COMPRESSOR.maxCompressedLength(len)];
                int n = LZ4_COMPRESSOR.compress(src, 0, len, out, 0, out.length);
                yield java.util.Arrays.copyOf(out, n);
            }
            case ZSTD -> {
                byte[] out = new byte[(int) Zstd.compressBound(len)];
                long n = Zstd.compressByteArray(out, 0, out.length, src, 0, len, 3);
                if (Zstd.isError(n)) {
                    throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(n));
                }
                yield java.util.Arrays.copyOf(out, (int) n);
            }
        };
    }

    /** Decompresses the remaining bytes of {@code src} into a new heap buffer of {@code uncompressedSize}. */
    static ByteBuffer decompress(Compression c, ByteBuffer src, int uncompressedSize) {
        byte[] in = new byte[src.remaining()];
        src.duplicate().get(in);
        byte[] out = new byte[uncompressedSize];
        try {
            switch (c) {
                case NONE -> System.arraycopy(in, 0, out, 0, Math.min(in.length, out.length));
                case LZ4 -> LZ4_DECOMPRESSOR.decompress(in, 0, out, 0, uncompressedSize);
                case ZSTD -> {
                    long n = Zstd.decompressByteArray(out, 0, out.length, in, 0, in.length);
                    if (Zstd.isError(n) || n != uncompressedSize) {
                        throw new CorruptRecordException("zstd batch does not decompress to its declared size");
                    }
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof CorruptRecordException) {
                throw e;
            }
            throw new CorruptRecordException("cannot decompress " + c.configName() + " batch: " + e.getMessage(), e);
        }
        return ByteBuffer.wrap(out);
    }
}
