package io.jlvs.cli.jlvsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.failover.HeartbeatKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** jlvsd keygen: the heartbeat key file a pair of directors shares. */
class KeygenTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new Jlvsd()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void writesAPrivateRandomKeyAndSaysHowToUseIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jlvs/heartbeat.key");
        assertEquals(0, run("keygen", "-o", file.toString()), err.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, Files.size(file));
        HeartbeatKey.fromFile(file);
        assertTrue(out.toString().contains("heartbeat_key_file = \"" + file + "\""), out.toString());
    }

    @Test
    void neverOverwritesAKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("heartbeat.key");
        assertEquals(0, run("keygen", "--output", file.toString()));
        byte[] first = Files.readAllBytes(file);
        assertEquals(73, run("keygen", "-o", file.toString()));
        assertTrue(err.toString().contains("already exists"), err.toString());
        assertArrayEquals(first, Files.readAllBytes(file));
    }

    @Test
    void runningTheDirectorStillNeedsAConfiguration() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Jlvsd.DEFAULT_CONFIGS.stream().noneMatch(java.nio.file.Files::exists),
                "this machine has a default lvs.cf");
        assertEquals(64, run());
        assertTrue(err.toString().contains("no --config FILE given, and none of /etc/sysconfig/ha/lvs.cf, /etc/jlvs/lvs.cf exists"),
                err.toString());
    }
}
