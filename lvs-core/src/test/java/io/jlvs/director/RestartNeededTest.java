package io.jlvs.director;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.Configuration;
import io.jlvs.director.internal.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload applies what it can and names what waits for a restart: in {@link Director#restartNeeded()}
 * (the control socket's reload answer) and, offline, for jlvsd --check, from the file the running
 * director keeps beside its state file.
 */
class RestartNeededTest {
    @TempDir
    Path dir;

    private static Configuration with(String globals, int weight) {
        return Fixtures.parse(globals + Fixtures.WEB_TEXT.formatted(0, weight));
    }

    @Test
    void aReloadNamesTheRestartOnlySettingsItChangedAndOnlyThose() throws Exception {
        Path state = dir.resolve("owned-services");
        Path restartFile = dir.resolve("owned-services.restart-only");
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(with("keepalive = 2\ndeadtime = 10\n", 1));
        try (Director d = Director.start(Fixtures.settings().stateFile(state).build(),
                Fixtures.parts(loader, new MemoryKernel(), Role.ACTIVE))) {
            assertTrue(Files.exists(restartFile), "written at start");
            assertEquals(List.of(), d.restartNeeded());

            // a weight and the NAT router: a reload applies both, nothing waits
            loader.next = Fixtures.parse("keepalive = 2\ndeadtime = 10\n" + Fixtures.WEB_TEXT.formatted(0, 5)
                    .replace("192.168.1.254 eth1:1", "192.168.1.253 eth1:1"));
            d.reload();
            assertEquals(List.of(), d.restartNeeded());

            // the heartbeat timing and the self-check wait for a restart, each named with old and new value
            Configuration next = with("keepalive = 1\ndeadtime = 10\nmonitor_links = 1\n", 5);
            loader.next = next;
            d.reload();
            assertEquals(List.of("keepalive (2s -> 1s)", "monitor_links (0 -> 1)"), d.restartNeeded());
            assertEquals(d.restartNeeded(), Director.restartNeeded(next, state), "--check says the same, offline");
        }
        assertFalse(Files.exists(restartFile), "removed at stop: with no director running, a start applies everything");
        assertEquals(List.of(), Director.restartNeeded(with("keepalive = 1\n", 1), state));
    }
}
