package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * keepalived's omega: a service that holds its quorum when the monitor stops runs its quorum-lost
 * program then, since stopping takes it away; once, and only when asked. The program is real
 * ({@code /bin/sh} appending a line), so each run is counted in a file.
 */
@Timeout(60)
class QuorumAtStopTest {
    static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);
    static final RealServer A = RealServer.builder(ip("192.168.1.2"), 80).masquerade().weight(5).build();

    @TempDir
    Path dir;

    @Test
    void aServiceHoldingItsQuorumRunsTheLostProgramOnceAtStop() throws Exception {
        Path log = dir.resolve("down.log");
        runAndStop(5, true, log, 0);
        assertEquals(List.of("down"), lines(log));
    }

    @Test
    void withoutOmegaStoppingRunsNothing() throws Exception {
        Path log = dir.resolve("down.log");
        runAndStop(5, false, log, 0);
        assertEquals(List.of(), lines(log));
    }

    @Test
    void aServiceThatAlreadyLostItsQuorumDoesNotRunTheProgramAgain() throws Exception {
        Path log = dir.resolve("down.log");
        runAndStop(9, true, log, 1); // weight 5 never reaches 9: lost at start, the program runs then, not at stop
        assertEquals(List.of("down"), lines(log));
    }

    private void runAndStop(int quorum, boolean omega, Path log, int runsBeforeStop) throws Exception {
        QuorumAction action = new QuorumAction.RunCommand(
                List.of("/bin/sh", "-c", "echo down >> \"$0\"", log.toString()), List.of(), omega);
        HealthPolicy policy = HealthPolicy.builder().interval(Duration.ofHours(1))
                .quorum(new Quorum(quorum, 0, action)).build();
        WatchedService service = new WatchedService(VirtualService.builder(WEB).scheduler(Scheduler.WLC).build(),
                List.of(WatchedServer.of(A, ScriptedCheck.of(new ScriptedCheck.Script()))), policy);
        HealthMonitor monitor = HealthMonitor.builder(new RecordingActuator()).clock(new ManualClock())
                .watch(List.of(service)).build();
        monitor.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lines(log).size() < runsBeforeStop && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(runsBeforeStop, lines(log).size(), "runs of the program before the stop");
        monitor.close();
    }

    private static List<String> lines(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
