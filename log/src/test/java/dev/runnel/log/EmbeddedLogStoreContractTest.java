package dev.runnel.log;

import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.testing.LogStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared log contract on the embedded store. */
class EmbeddedLogStoreContractTest extends LogStoreContract {
    @TempDir
    Path dir;

    @Override
    protected LogStore open() {
        return EmbeddedLogStore.open(StoreOptions.at(dir).withClock(clock).withoutBackgroundThreads());
    }
}
