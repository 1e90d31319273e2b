package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.internal.check.testing.TcpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A monitor cancels probes by interrupting their virtual threads: that must end them, not report the server down. */
@Timeout(60)
class ProbeInterruptionTest {
    private static final ConnectOptions LONG = ConnectOptions.of(Duration.ofSeconds(40));

    /** Runs the probe on a virtual thread, interrupts it once {@code started} says so, returns what came out. */
    private static Object interrupted(HealthCheck check, InetSocketAddress target, ThrowingRunnable started) throws Exception {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(check.probe(target));
            } catch (InterruptedException e) {
                outcome.complete(e);
            }
        });
        started.run();
        thread.interrupt();
        return outcome.get(20, TimeUnit.SECONDS);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void networkProbes() throws Exception {
        try (TcpServer server = TcpServer.start(socket -> socket.getInputStream().readAllBytes())) {
            List<HealthCheck> checks = List.of(
                    SendExpectCheck.tcp("x", Expectation.literal("y")).withOptions(LONG),
                    HttpCheck.http("/").options(LONG).build(),
                    HttpCheck.https("/").options(LONG).build(),
                    ProtocolCheck.of(ProtocolCheck.Application.SMTP).withOptions(LONG),
                    DnsCheck.of("a.test", "A").overTcp().withOptions(LONG));
            for (int i = 0; i < checks.size(); i++) {
                int connections = i + 1;
                Object outcome = interrupted(checks.get(i), server.address(), () -> server.awaitPeers(connections));
                assertInstanceOf(InterruptedException.class, outcome, checks.get(i).type() + ": " + outcome);
            }
        }
    }

    @Test
    void programProbeKillsItsTree(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Path program = dir.resolve("hang");
        Files.writeString(program, "#!/bin/sh\nsleep 300 &\necho $! > " + pidFile + "\nwait\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        ProgramCheck check = ProgramCheck.of(List.of(program.toString()), Duration.ofSeconds(40));
        Object outcome = interrupted(check, new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), () -> {
            for (int i = 0; i < 1000 && (!Files.exists(pidFile) || Files.size(pidFile) == 0); i++) {
                Thread.sleep(10);
            }
        });
        assertInstanceOf(InterruptedException.class, outcome);
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        boolean gone = false;
        for (int i = 0; i < 1000 && !gone; i++) {
            gone = ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true) || zombie(pid);
            Thread.sleep(10);
        }
        assertTrue(gone, "child " + pid + " still runs");
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
