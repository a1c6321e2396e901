package dev.runnel.exec.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class XxHash64Test {
    /** lz4-java's XXH64 (on the classpath through the log module) as the reference. */
    private static final XXHash64 REFERENCE = XXHashFactory.safeInstance().hash64();

    private static long hash(BufferAllocator allocator, byte[] bytes, int offset) {
        try (ArrowBuf buf = allocator.buffer(bytes.length + offset + 1)) {
            buf.setBytes(offset, bytes);
            return XxHash64.hash(buf, offset, bytes.length);
        }
    }

    @Test
    void knownValuesOfTheSpecification() {
        try (BufferAllocator allocator = new RootAllocator()) {
            assertThat(hash(allocator, new byte[0], 0)).isEqualTo(0xEF46DB3751D8E999L);
            assertThat(hash(allocator, "a".getBytes(StandardCharsets.UTF_8), 0)).isEqualTo(0xD24EC4F1A98C6E5BL);
            assertThat(hash(allocator, "abc".getBytes(StandardCharsets.UTF_8), 0)).isEqualTo(0x44BC2CF5AD770999L);
        }
    }

    @Test
    void bytesInAnArrowBufferHashAsTheReferenceDoesForEveryLengthAndAlignment() {
        SplittableRandom random = new SplittableRandom(7);
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int length = 0; length <= 200; length++) {
                for (int offset = 0; offset < 3; offset++) {
                    byte[] bytes = new byte[length];
                    random.nextBytes(bytes);
                    assertThat(hash(allocator, bytes, offset)).as("length " + length + ", offset " + offset)
                            .isEqualTo(REFERENCE.hash(bytes, 0, length, 0));
                }
            }
        }
    }

    @Test
    void fixedWidthValuesHashLikeTheirLittleEndianBytes() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 1000; i++) {
            long a = random.nextLong();
            long b = random.nextLong();
            ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(a).putLong(b);
            assertThat(XxHash64.hashLong(a)).isEqualTo(REFERENCE.hash(bytes.array(), 0, 8, 0));
            assertThat(XxHash64.hash128(a, b)).isEqualTo(REFERENCE.hash(bytes.array(), 0, 16, 0));
            assertThat(XxHash64.hashInt((int) a)).isEqualTo(REFERENCE.hash(bytes.array(), 0, 4, 0));
            assertThat(XxHash64.hashByte((int) b & 0xFF))
                    .isEqualTo(REFERENCE.hash(new byte[] {(byte) b}, 0, 1, 0));
        }
    }
}
