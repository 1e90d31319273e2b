package io.jlvs.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void whatAProgramLeavesRunningIsKilledWhenItExits(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");

        int code = new CommandRunner(Duration.ofSeconds(30))
                .run(List.of("/bin/sh", "-c", "sleep 300 & echo $! > " + pidFile + "; exit 0"), "test");

        assertEquals(0, code);
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        try {
            ProcessHandle child = ProcessHandle.of(pid).orElse(null);
            assertTrue(child == null || child.onExit().get(5, TimeUnit.SECONDS) != null, "child " + pid + " still runs");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the quorum command's background child " + pid + " still runs", e);
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aProgramThatCannotStartIsReportedNotThrown() {
        assertEquals(-1, new CommandRunner(Duration.ofSeconds(5)).run(List.of("/nonexistent/jlvs-quorum-command"), "test"));
    }
}
