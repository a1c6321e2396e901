package dev.runnel.exec.golden;

import dev.runnel.exec.engine.EngineConfig;
import java.nio.file.Path;

/**
 * The regular and lookup join goldens ({@link RegularJoinGoldenTest}: straight, push, history, and
 * the view restarted halfway) with the log in a real Kafka broker; the restarted view's engine
 * opens the same namespace again, its checkpoints in {@code dir}.
 */
class KafkaRegularJoinGoldenTest extends RegularJoinGoldenTest {
    @Override
    EngineConfig engineConfig() {
        return KafkaGoldens.engine();
    }

    @Override
    EngineConfig durableConfig(Path dir) {
        return KafkaGoldens.durable(dir);
    }
}
