package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.config.ConfigException;
import io.jlvs.config.LvsCf;
import io.jlvs.config.ClusterSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartOnlySettingsTest {
    @TempDir
    Path dir;

    private static ClusterSettings cluster(String text) throws ConfigException {
        return LvsCf.parse("lvs.cf", text).configuration().cluster();
    }

    @Test
    void whatIsWrittenReadsBackAndOnlyRestartOnlyKeysCount() throws Exception {
        ClusterSettings running = cluster("primary = 10.0.0.1\nbackup = 10.0.0.2\nheartbeat_insecure = 1\n"
                + "keepalive = 0.5\ndeadtime = 2\ntrack_script = /bin/true\n");
        Path file = RestartOnlySettings.fileFor(dir.resolve("state"));
        RestartOnlySettings.write(file, running);
        assertEquals(Optional.of(RestartOnlySettings.of(running)), RestartOnlySettings.read(file));

        ClusterSettings next = cluster("primary = 10.0.0.1\nbackup = 10.0.0.3\nheartbeat_insecure = 1\n"
                + "keepalive = 0.5\ndeadtime = 2\ntrack_script = /bin/false\nnetwork = tunnel\nsyncdaemon = 1\n"
                + "syncd_iface = eth1\n");
        assertEquals(List.of("backup (10.0.0.2 -> 10.0.0.3)", "track_script (/bin/true -> /bin/false)"),
                RestartOnlySettings.changes(RestartOnlySettings.read(file).orElseThrow(), RestartOnlySettings.of(next)),
                "network and the sync daemon are applied by a reload");
        assertEquals(Optional.empty(), RestartOnlySettings.read(dir.resolve("absent")));
        assertEquals("500ms", RestartOnlySettings.of(running).get("keepalive"));
    }
}
