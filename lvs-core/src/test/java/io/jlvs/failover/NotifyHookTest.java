package io.jlvs.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyHookTest {
    @TempDir
    Path dir;

    @Test
    void theProgramGetsTheRolesAsArgumentsAndEnvironmentWithoutAShell() throws Exception {
        Path out = dir.resolve("out");
        // The operator's program here is sh itself; the hook passes the reason as one argument, unsplit,
        // with its shell metacharacters untouched.
        NotifyHook hook = new NotifyHook(List.of("/bin/sh", "-c",
                "printf '%s\\n' \"$@\" \"$JLVS_ROLE/$JLVS_PREVIOUS_ROLE\" > " + out, "hook"), Duration.ofSeconds(20));
        hook.onRoleChange(new RoleChange(Role.BACKUP, Role.ACTIVE, "peer 1 dead; $(touch x) `y`", Instant.EPOCH));
        assertEquals(List.of("ACTIVE", "BACKUP", "peer 1 dead; $(touch x) `y`", "ACTIVE/BACKUP"), Files.readAllLines(out));
        assertTrue(Files.notExists(Path.of("x")));
    }

    @Test
    void aProgramThatOverrunsItsTimeoutIsKilled() {
        Path marker = dir.resolve("finished");
        NotifyHook hook = new NotifyHook(List.of("/bin/sh", "-c", "sleep 30; touch " + marker), Duration.ofMillis(300));
        long start = System.nanoTime();
        hook.onRoleChange(new RoleChange(Role.ACTIVE, Role.BACKUP, "test", Instant.EPOCH));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(25)) < 0);
        assertTrue(Files.notExists(marker));
    }

    @Test
    void aMissingProgramIsLoggedNotThrown() {
        new NotifyHook(List.of(dir.resolve("no-such-program").toString()), Duration.ofSeconds(1))
                .onRoleChange(new RoleChange(Role.INIT, Role.BACKUP, "test", Instant.EPOCH));
    }

    @Test
    void anEmptyArgvIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NotifyHook(List.of(), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new NotifyHook(List.of("/bin/true"), Duration.ZERO));
    }
}
