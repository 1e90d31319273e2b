package io.jlvs.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quorum programs: argv without a shell, exit code reported, a program that outlives its time killed. */
class CommandRunnerTest {
    @Test
    void theExitCodeIsReportedAndArgumentsReachTheProgramUnsplit() {
        CommandRunner runner = new CommandRunner(Duration.ofSeconds(30));

        assertEquals(0, runner.run(List.of("/bin/sh", "-c", "test \"$1\" = 'a b;c'", "sh", "a b;c"), "test"));
        assertEquals(3, runner.run(List.of("/bin/sh", "-c", "exit 3"), "test"));
    }

    @Test
    void aProgramThatHangsIsKilledAtItsTimeout() {
        CommandRunner runner = new CommandRunner(Duration.ofMillis(300));
        long t0 = System.nanoTime();

        int code = runner.run(List.of("/bin/sleep", "60"), "test");

        assertEquals(-1, code);
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos(), "not waited for the whole minute");
    }

    @Test
    void aProgramThatCannotStartIsReportedNotThrown() {
        assertEquals(-1, new CommandRunner(Duration.ofSeconds(5)).run(List.of("/nonexistent/jlvs-quorum-command"), "test"));
    }
}
