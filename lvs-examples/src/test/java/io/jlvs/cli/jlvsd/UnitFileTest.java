package io.jlvs.cli.jlvsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * packaging/jlvsd.service keeps the promises docs/jlvsd.md makes: only a configuration error stops
 * restarts, a dead director's addresses are released after every stop, no CAP_SYS_ADMIN without the
 * --netns drop-in; and systemd's own tools accept it (scripts/check-unit, skipped without them).
 */
class UnitFileTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path UNIT = REPO.resolve("packaging/jlvsd.service");

    private static List<String> lines(String key) throws IOException {
        return Files.readAllLines(UNIT).stream().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).toList();
    }

    @Test
    void onlyTheConfigurationExitCodeIsNotRestarted() throws IOException {
        assertEquals(List.of("78"), lines("RestartPreventExitStatus"));
        assertEquals(List.of("on-failure"), lines("Restart"));
        assertEquals(78, ExitCodes.CONFIG);
    }

    @Test
    void everyStopReleasesTheConfiguredAddresses() throws IOException {
        List<String> post = lines("ExecStopPost");
        assertEquals(1, post.size());
        assertTrue(post.get(0).contains("--release-addresses") && post.get(0).contains("-c ${JLVSD_CONFIG}"), post.get(0));
        // the same lock directory as the daemon, or the release could not see a running instance
        assertTrue(lines("ExecStart").get(0).contains("--runtime-dir /run/jlvs"));
        assertTrue(post.get(0).contains("--runtime-dir /run/jlvs"));
        assertTrue(lines("RuntimeDirectory").get(0).contains("jlvs"));
    }

    @Test
    void administratorCapabilityOnlyWithTheNetnsDropIn() throws IOException {
        assertFalse(lines("CapabilityBoundingSet").get(0).contains("CAP_SYS_ADMIN"));
        assertTrue(Files.readString(REPO.resolve("packaging/jlvsd.service.d/netns.conf")).contains("CapabilityBoundingSet=CAP_SYS_ADMIN"));
    }

    @Test
    void switchingUserOnlyWithTheScriptUserDropIn() throws IOException {
        String caps = lines("CapabilityBoundingSet").get(0);
        assertFalse(caps.contains("CAP_SETUID") || caps.contains("CAP_SETGID"), caps);
        assertTrue(Files.readString(REPO.resolve("packaging/jlvsd.service.d/script-user.conf"))
                .contains("CapabilityBoundingSet=CAP_SETUID CAP_SETGID"));
    }

    @Test
    void systemdAcceptsTheUnitAndItsExposureStaysLow() throws Exception {
        Process p = new ProcessBuilder(REPO.resolve("scripts/check-unit").toString()).redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "check-unit took over two minutes");
        assumeTrue(p.exitValue() != 77, "systemd-analyze not installed");
        assertEquals(0, p.exitValue(), out);
    }
}
