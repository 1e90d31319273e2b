package io.jlvs.cli.jlvsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.sys.Syscalls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sd_notify(3)'s wire format as systemd receives it: the test binds the AF_UNIX datagram socket systemd
 * would (a path, or an abstract name), and reads what the notifier sent.
 */
class SystemdNotifierTest {
    final Syscalls sys = Syscalls.system();

    @TempDir
    Path dir;

    @Test
    void sendsToASocketPath() {
        String path = dir.resolve("notify").toString();
        try (NotifySocket systemd = new NotifySocket(path);
             SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", path), sys).orElseThrow()) {
            assertTrue(n.send("READY=1\nSTATUS=role ACTIVE"));
            assertEquals("READY=1\nSTATUS=role ACTIVE", systemd.receive());
            assertTrue(n.send("WATCHDOG=1"));
            assertEquals("WATCHDOG=1", systemd.receive());
        }
    }

    @Test
    void sendsToAnAbstractSocket() {
        String name = "@jlvs-notify-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (NotifySocket systemd = new NotifySocket(name);
             SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", name), sys).orElseThrow()) {
            assertTrue(n.send("STOPPING=1"));
            assertEquals("STOPPING=1", systemd.receive());
        }
    }

    @Test
    void withoutNotifySocketThereIsNoNotifierAndABadOneIsRefused() {
        assertEquals(Optional.empty(), SystemdNotifier.fromEnvironment(Map.of(), sys));
        assertThrows(IllegalArgumentException.class, () -> SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "relative"), sys));
        assertThrows(IllegalArgumentException.class,
                () -> SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "/" + "x".repeat(120)), sys));
    }

    @Test
    void aSocketNobodyListensOnIsAFailedSendNotAnException() {
        try (SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET",
                dir.resolve("nobody").toString()), sys).orElseThrow()) {
            assertFalse(n.send("READY=1"));
        }
    }

    @Test
    void theWatchdogTicksAtHalfItsPeriodAndOnlyForThisProcess() {
        assertEquals(Optional.of(Duration.ofSeconds(15)), SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000"), 42));
        assertEquals(Optional.of(Duration.ofSeconds(15)),
                SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "42"), 42));
        assertEquals(Optional.empty(),
                SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "43"), 42));
        assertEquals(Optional.empty(), SystemdNotifier.watchdogInterval(Map.of(), 42));
        assertThrows(IllegalArgumentException.class, () -> SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "soon"), 42));
    }
}
