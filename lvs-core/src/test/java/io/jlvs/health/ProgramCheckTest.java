package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.ProgramCheck.WeightSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ProgramCheckTest {
    private static final InetSocketAddress TARGET = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private String script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file.toString();
    }

    @Test
    void exitZeroIsUpAndNonZeroIsDownWithTheMessage() throws Exception {
        assertTrue(ProgramCheck.of(List.of(script("ok", "exit 0")), TIMEOUT).probe(TARGET).up());
        ProbeResult down = ProgramCheck.of(List.of(script("fail", "echo 'backend says no' >&2; exit 7")), TIMEOUT).probe(TARGET);
        assertFalse(down.up());
        assertEquals("exit 7: backend says no", down.reason());
    }

    @Test
    void substitutesHostAndPortPerArgumentWithoutAShell() throws Exception {
        Path out = dir.resolve("args");
        String program = script("args", "for a in \"$@\"; do echo \"[$a]\"; done > " + out);
        ProbeResult result = ProgramCheck.of(List.of(program, "%h", "--url=http://%h:%p/x", "100%%", "$(id)", "a b", "%x"), TIMEOUT)
                .probe(TARGET);
        assertTrue(result.up(), result.reason());
        assertEquals(List.of("[127.0.0.1]", "[--url=http://127.0.0.1:8080/x]", "[100%]", "[$(id)]", "[a b]", "[%x]"),
                Files.readAllLines(out));
    }

    @Test
    void runningAsAnotherUserRunsTheProgramWithThatUsersIdsAndNoOtherGroups() throws Exception {
        // id's output read as the weight: "65534" proves the program itself ran as nobody (the suite runs as root)
        ProgramCheck asNobody = ProgramCheck.of(List.of("/usr/bin/id", "-u"), TIMEOUT)
                .withWeight(ProgramCheck.WeightSource.STDOUT).runningAs(new ProgramCheck.RunAs(65534, 65533));
        ProbeResult uid = asNobody.probe(TARGET);
        assertTrue(uid.up(), uid.reason());
        assertEquals("exit 0, weight 65534", uid.reason());
        ProbeResult gid = new ProgramCheck(List.of("/usr/bin/id", "-g"), TIMEOUT, ProgramCheck.WeightSource.STDOUT,
                Expectation.none(), asNobody.user()).probe(TARGET);
        assertEquals("exit 0, weight 65533", gid.reason());
        ProbeResult groups = new ProgramCheck(List.of("/usr/bin/id", "-G"), TIMEOUT, ProgramCheck.WeightSource.STDOUT,
                Expectation.none(), asNobody.user()).probe(TARGET);
        assertEquals("exit 0, weight 65533", groups.reason(), "only the given group, no supplementary ones");
    }

    @Test
    void ipv6AddressesAreSubstitutedBare() {
        ProgramCheck check = ProgramCheck.of(List.of("/bin/true", "%h"), TIMEOUT);
        assertEquals(List.of("/bin/true", "::1"), check.command(new InetSocketAddress("::1", 80)));
    }

    @Test
    void timeoutKillsTheWholeTree() throws Exception {
        Path pidFile = dir.resolve("grandchild.pid");
        // the program starts a shell that starts a sleeper: the sleeper is a grandchild
        String program = script("hang", "sh -c 'sleep 300 & echo $! > " + pidFile + "; wait' &\nwait");
        long start = System.nanoTime();
        // long enough for the tree to be complete on a loaded machine
        ProbeResult result = ProgramCheck.of(List.of(program), Duration.ofSeconds(5)).probe(TARGET);
        assertFalse(result.up());
        assertTrue(result.reason().startsWith("no exit within 5s, killed the program and 2 descendant(s)"), result.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(30)) < 0);
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertTrue(gone(pid), "grandchild " + pid + " still runs");
    }

    /** Gone or a zombie (killed, waiting for a reaper that is not ours), within ten seconds. */
    private static boolean gone(long pid) throws Exception {
        for (int i = 0; i < 1000; i++) {
            Path stat = Path.of("/proc/" + pid + "/stat");
            if (!Files.exists(stat)) {
                return true;
            }
            try {
                String text = Files.readString(stat);
                if (text.substring(text.lastIndexOf(')') + 2).startsWith("Z")) {
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
    void aBackgroundChildHoldingTheOutputDoesNotBlock() throws Exception {
        Path pidFile = dir.resolve("daemon.pid");
        String program = script("daemonize", "sleep 300 & echo $! > " + pidFile + "\necho started\nexit 0");
        try {
            ProbeResult result = ProgramCheck.of(List.of(program), TIMEOUT).probe(TARGET);
            assertTrue(result.up(), result.reason());
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            assertTrue(gone(pid), "the background child " + pid + " outlived the check");
        } finally {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void exitCodeWeightsAsKeepalivedMiscDynamic() throws Exception {
        ProgramCheck exit0 = ProgramCheck.of(List.of(script("e0", "exit 0")), TIMEOUT).withWeight(WeightSource.EXIT_CODE);
        assertEquals(OptionalInt.empty(), exit0.probe(TARGET).weight());
        assertTrue(exit0.probe(TARGET).up());
        ProgramCheck exit1 = ProgramCheck.of(List.of(script("e1", "exit 1")), TIMEOUT).withWeight(WeightSource.EXIT_CODE);
        assertFalse(exit1.probe(TARGET).up());
        ProbeResult exit12 = ProgramCheck.of(List.of(script("e12", "exit 12")), TIMEOUT).withWeight(WeightSource.EXIT_CODE)
                .probe(TARGET);
        assertTrue(exit12.up());
        assertEquals(OptionalInt.of(10), exit12.weight());
        ProbeResult exit2 = ProgramCheck.of(List.of(script("e2", "exit 2")), TIMEOUT).withWeight(WeightSource.EXIT_CODE)
                .probe(TARGET);
        assertEquals(OptionalInt.of(0), exit2.weight());
    }

    @Test
    void weightFromTheFirstLineOfOutput() throws Exception {
        ProbeResult result = ProgramCheck.of(List.of(script("w", "echo 42; echo more")), TIMEOUT)
                .withWeight(WeightSource.STDOUT).probe(TARGET);
        assertTrue(result.up(), result.reason());
        assertEquals(OptionalInt.of(42), result.weight());
        ProbeResult bad = ProgramCheck.of(List.of(script("wbad", "echo lots")), TIMEOUT)
                .withWeight(WeightSource.STDOUT).probe(TARGET);
        assertFalse(bad.up());
        assertEquals("exit 0, but the first output line 'lots' is not a weight 0..65535", bad.reason());
        ProbeResult failed = ProgramCheck.of(List.of(script("wfail", "echo 5; exit 3")), TIMEOUT)
                .withWeight(WeightSource.STDOUT).probe(TARGET);
        assertFalse(failed.up());
    }

    @Test
    void expectedOutput() throws Exception {
        String program = script("say", "echo \"status=$1\"");
        assertTrue(ProgramCheck.of(List.of(program, "green"), TIMEOUT).expecting(Expectation.regex("status=(green|yellow)"))
                .probe(TARGET).up());
        ProbeResult red = ProgramCheck.of(List.of(program, "red"), TIMEOUT).expecting(Expectation.literal("status=green"))
                .probe(TARGET);
        assertFalse(red.up());
        assertEquals("exit 0, output lacks 'status=green': status=red", red.reason());
    }

    @Test
    void aMissingProgramIsDown() throws Exception {
        ProbeResult result = ProgramCheck.of(List.of(dir.resolve("absent").toString()), TIMEOUT).probe(TARGET);
        assertFalse(result.up());
        assertTrue(result.reason().startsWith("cannot run " + dir.resolve("absent")), result.reason());
    }

    @Test
    void badConfigurationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ProgramCheck.of(List.of(), TIMEOUT));
        assertThrows(IllegalArgumentException.class, () -> ProgramCheck.of(List.of(" "), TIMEOUT));
        assertThrows(IllegalArgumentException.class, () -> ProgramCheck.of(List.of("/bin/true"), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ProgramCheck.of(List.of("/bin/true", "a\0b"), TIMEOUT));
        assertEquals(ProgramCheck.of(List.of("/bin/true"), TIMEOUT), ProgramCheck.of(List.of("/bin/true"), TIMEOUT));
        assertEquals("program", ProgramCheck.of(List.of("/bin/true"), TIMEOUT).type());
    }
}
