package io.jlvs.console;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A console over a control server, started before and closed after each test of a subclass. */
abstract class ConsoleTest {
    @TempDir
    Path dir;
    ConsoleFixture console;

    @BeforeEach
    void start() throws Exception {
        console = new ConsoleFixture(dir);
    }

    @AfterEach
    void stop() {
        console.close();
    }
}
