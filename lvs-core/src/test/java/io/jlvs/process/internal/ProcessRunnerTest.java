package io.jlvs.process.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The one runner of the operator's programs: argv, exit status, timeout, bounded output, nothing left running. */
@Timeout(60)
class ProcessRunnerTest {
    private static final Duration LONG = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private String script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file.toString();
    }

    private long pidIn(String file) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(file)).strip());
    }

    /** Gone, or a zombie whose reaper is not ours, within ten seconds. */
    private static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Path stat = Path.of("/proc/" + pid + "/stat");
            try {
                String text = Files.readString(stat);
                if (text.substring(text.lastIndexOf(')') + 2).startsWith("Z")) {
                    return true;
                }
            } catch (IOException e) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    @Test
    void theExitStatusAndOutputAreReportedAndArgumentsArriveUnsplit() throws Exception {
        ProcessRunner runner = ProcessRunner.direct(LONG, 4096);

        ProcessRunner.Outcome run = runner.run(List.of("/bin/sh", "-c",
                "printf '%s|' \"$@\"; echo \"$EXTRA\" >&2; exit 7", "sh", "a b;c", "$(x)"), Map.of("EXTRA", "env"));

        assertFalse(run.timedOut());
        assertEquals(7, run.exitCode());
        assertEquals("a b;c|$(x)|", new String(run.stdout(), StandardCharsets.UTF_8));
        assertEquals("env\n", new String(run.stderr(), StandardCharsets.UTF_8));
        assertEquals(0, run.killed());
    }

    @Test
    void theProgramRunsInItsOwnSession() throws Exception {
        ProcessRunner.Outcome run = ProcessRunner.direct(LONG, 4096)
                .run(List.of("/bin/sh", "-c", "echo $$; cut -d' ' -f6 /proc/$$/stat"), Map.of());
        String[] lines = new String(run.stdout(), StandardCharsets.UTF_8).split("\n");
        assertEquals(lines[0], lines[1], "pid and session id");
    }

    @Test
    void aTimeoutKillsTheWholeTree() throws Exception {
        String program = script("hang", "sh -c 'sleep 300 & echo $! > " + dir.resolve("grandchild") + "; wait' &\nwait");
        long start = System.nanoTime();

        // long enough for the tree to be complete on a loaded machine
        ProcessRunner.Outcome run = ProcessRunner.direct(Duration.ofSeconds(5), 4096).run(List.of(program), Map.of());

        assertTrue(run.timedOut());
        assertEquals(-1, run.exitCode());
        assertEquals(3, run.killed(), "the program, the inner shell and the sleeper");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(25)) < 0);
        assertTrue(gone(pidIn("grandchild")), "the grandchild still runs");
    }

    @Test
    void aChildLeftBehindAfterAnExitIsKilledAndDoesNotHoldTheOutput() throws Exception {
        // the background sleeper keeps the output pipe open: without the kill the read would wait 300 s
        String program = script("daemonize", "sleep 300 & echo $! > " + dir.resolve("child") + "\necho started\nexit 0");
        long start = System.nanoTime();

        ProcessRunner.Outcome run = ProcessRunner.direct(LONG, 4096).run(List.of(program), Map.of());

        assertFalse(run.timedOut());
        assertEquals(0, run.exitCode());
        assertEquals("started", run.stdoutFirstLine());
        assertEquals(1, run.killed(), "the sleeper");
        assertTrue(gone(pidIn("child")), "the child left behind still runs");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
    }

    @Test
    void aChildThatLeavesTheProcessTreeIsStillFoundByItsSession() throws Exception {
        // a double fork: the sleeper's parent exits at once, so it is no descendant of the program
        String program = script("doublefork", "(sleep 300 & echo $! > " + dir.resolve("orphan") + ") \nsleep 0.2\nexit 0");

        ProcessRunner.Outcome run = ProcessRunner.direct(LONG, 4096).run(List.of(program), Map.of());

        assertEquals(0, run.exitCode());
        assertTrue(gone(pidIn("orphan")), "the re-parented sleeper still runs");
    }

    @Test
    void outputIsCappedWhileTheProgramWritesOn() throws Exception {
        ProcessRunner.Outcome run = ProcessRunner.direct(LONG, 1000)
                .run(List.of("/bin/sh", "-c", "head -c 3000000 /dev/zero; head -c 5000 /dev/zero >&2"), Map.of());

        assertEquals(0, run.exitCode());
        assertArrayEquals(new byte[1000], run.stdout());
        assertEquals(1000, run.stderr().length);
        assertEquals(3_005_000, run.outputBytes());
    }

    @Test
    void endlessOutputIsBoundedByTheCapAndTheTimeout() throws Exception {
        ProcessRunner.Outcome run = ProcessRunner.direct(Duration.ofMillis(500), 100)
                .run(List.of("/usr/bin/yes", "hostile"), Map.of());

        assertTrue(run.timedOut());
        assertEquals(100, run.stdout().length);
        assertTrue(run.outputBytes() > 100, "the pipe was drained, not left to block the program");
    }

    @Test
    void interruptionKillsTheGroup() throws Exception {
        String program = script("slow", "sleep 300 & echo $! > " + dir.resolve("sleeper") + "\nwait");
        CompletableFuture<Object> result = new CompletableFuture<>();
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                result.complete(ProcessRunner.direct(LONG, 100).run(List.of(program), Map.of()));
            } catch (Exception e) {
                result.complete(e);
            }
        });
        Path pidFile = dir.resolve("sleeper");
        for (int i = 0; i < 1000 && (!Files.exists(pidFile) || Files.size(pidFile) == 0); i++) {
            Thread.sleep(10);
        }
        runner.interrupt();

        assertTrue(result.get(15, TimeUnit.SECONDS) instanceof InterruptedException);
        assertTrue(gone(pidIn("sleeper")));
    }

    @Test
    void aProgramThatCannotRunIsRefusedBeforeStarting() {
        ProcessRunner runner = ProcessRunner.direct(LONG, 100);
        assertThrows(IOException.class, () -> runner.run(List.of(dir.resolve("absent").toString()), Map.of()));
        assertThrows(IOException.class, () -> runner.run(List.of("jlvs-no-such-program-anywhere"), Map.of()));
    }
}
