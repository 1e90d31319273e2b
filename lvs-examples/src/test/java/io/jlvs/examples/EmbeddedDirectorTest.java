package io.jlvs.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.Configuration;
import io.jlvs.config.LvsCfChecks;
import io.jlvs.director.Director;
import io.jlvs.director.DirectorSettings;
import io.jlvs.director.DirectorStatus;
import io.jlvs.health.FileCheck;
import io.jlvs.netlink.NetworkNamespace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What of {@link EmbeddedDirector} runs without a kernel: its command line, how it reacts to the
 * director's failure, the admin console's refusals. The director itself runs in EmbeddedDirectorKernelIT.
 */
class EmbeddedDirectorTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    /** Checked here, offline, since the kernel test runs only in the guest: a typo there would show late. */
    @Test
    void theKernelTestsLvsCfIsOneADirectorAcceptsWithFileChecks(@TempDir Path dir) throws Exception {
        Path cf = Files.writeString(dir.resolve("lvs.cf"), EmbeddedDirectorKernelIT.lvsCf(dir, 2));
        Configuration config = Director.check(cf);
        assertEquals(1, config.activeVirtualServers().size());
        assertEquals(2, config.activeVirtualServers().get(0).realServers().size());
        assertEquals(new FileCheck(dir + "/%h.state", 0, false), LvsCfChecks.check(config.activeVirtualServers().get(0)));
    }

    @Test
    void theCommandLineNamesTheLvsCfAndOptionallyANamespace() {
        DirectorSettings here = EmbeddedDirector.settings("/etc/jlvs/lvs.cf");
        assertEquals(Path.of("/etc/jlvs/lvs.cf"), here.configFile());
        assertTrue(here.namespace().isCurrent());
        assertEquals(java.util.Optional.empty(), here.runtimeDirectory(), "embedded: no instance lock unless asked");

        DirectorSettings blue = EmbeddedDirector.settings("lvs.cf", "--netns", "blue");
        assertEquals(NetworkNamespace.named("blue").nsfsPath(), blue.namespace().nsfsPath());

        for (String[] bad : List.of(new String[0], new String[] {"--netns", "blue"}, new String[] {"lvs.cf", "--netns"},
                new String[] {"lvs.cf", "extra"})) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddedDirector.settings(bad));
            assertEquals(EmbeddedDirector.USAGE, e.getMessage());
        }
    }

    @Test
    void aStopAskedForEndsWithZeroAndSaysNothingOfAFailure() {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        assertEquals(0, EmbeddedDirector.awaitEnd(failure, CompletableFuture.completedFuture(null), out));
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailureWhileRunningEndsWithOneAndNamesTheCause() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        try (var pool = Executors.newSingleThreadExecutor()) {
            Future<Integer> exit = pool.submit(() -> EmbeddedDirector.awaitEnd(failure, stop, out));
            Thread.sleep(50);
            assertTrue(!exit.isDone(), "waits while the director runs");
            failure.complete(new IllegalStateException("heartbeat loop died"));
            assertEquals(1, exit.get(10, TimeUnit.SECONDS));
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).startsWith(
                "director failed (java.lang.IllegalStateException: heartbeat loop died)"), printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theConsoleAnswersABadCommandWithTheCommandsBeforeAskingTheDirector() {
        // No director at all: a command that does not parse must not reach it.
        for (String bad : List.of("", "stats", "status now", "weight web rs1", "drain web rs1")) {
            assertEquals(EmbeddedDirector.COMMANDS, EmbeddedDirector.command(null, bad), bad);
        }
        assertEquals("refused: For input string: \"heavy\"", EmbeddedDirector.command(null, "weight web rs1 heavy"));
    }

    @Test
    void theStatusListsEachServiceAndItsServersAsTheKernelHasThem() {
        DirectorStatus status = new DirectorStatus("ACTIVE", List.of(), 0, "lvs.cf", List.of(new DirectorStatus.Service("web",
                "TCP 10.0.0.100:80", "wlc", true, true, List.of(
                        new DirectorStatus.Server("rs1", "10.0.0.2:80", 1, 5, "UP", "", "weight 5", 0, 0),
                        new DirectorStatus.Server("rs2", "10.0.0.3:80", 2, -1, "DOWN", "refused", "enabled", 0, 0)))));
        assertEquals(List.of("role ACTIVE", "web TCP 10.0.0.100:80 wlc programmed", "  rs1 10.0.0.2:80 weight 5 UP",
                "  rs2 10.0.0.3:80 not in the kernel DOWN"), EmbeddedDirector.describe(status));
    }
}
