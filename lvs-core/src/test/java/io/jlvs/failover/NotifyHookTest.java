package io.jlvs.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    void aHookProgramFileRunsWithItsOwnArgumentsFollowedByTheRoles() throws Exception {
        Path out = dir.resolve("argv");
        Path program = script("notify", "for a in \"$0\" \"$@\"; do printf '%s\\n' \"$a\"; done > " + out);

        new NotifyHook(List.of(program.toString(), "--vip", "10.0.0.1"), Duration.ofSeconds(20))
                .onRoleChange(new RoleChange(Role.INIT, Role.BACKUP, "started", Instant.EPOCH));

        assertEquals(List.of(program.toString(), "--vip", "10.0.0.1", "BACKUP", "INIT", "started"), Files.readAllLines(out));
    }

    @Test
    void aProgramThatOverrunsItsTimeoutIsKilled() throws Exception {
        Path started = dir.resolve("started");
        Path marker = dir.resolve("finished");
        NotifyHook hook = new NotifyHook(List.of("/bin/sh", "-c", "touch " + started + "; sleep 30; touch " + marker),
                Duration.ofSeconds(3)); // long enough to start on a loaded machine
        long start = System.nanoTime();
        hook.onRoleChange(new RoleChange(Role.ACTIVE, Role.BACKUP, "test", Instant.EPOCH));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(25)) < 0);
        assertTrue(Files.exists(started), "the hook never ran");
        assertTrue(Files.notExists(marker));
    }

    @Test
    void whatAHookLeavesRunningIsKilledWhenItExits() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Path program = script("leaves-a-child", "sleep 300 & echo $! > " + pidFile + "\nexit 0");

        new NotifyHook(List.of(program.toString()), Duration.ofSeconds(20))
                .onRoleChange(new RoleChange(Role.BACKUP, Role.ACTIVE, "test", Instant.EPOCH));

        long pid = Long.parseLong(Files.readString(pidFile).strip());
        try {
            assertTrue(goneWithin(pid, Duration.ofSeconds(5)), "the hook's background child " + pid + " still runs");
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Path script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** Gone, or a zombie waiting for a reaper that is not ours. */
    private static boolean goneWithin(long pid, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - end < 0) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
                    return true;
                }
            } catch (java.io.IOException e) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
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
