package io.jlvs.cli.jlvsd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.director.internal.InstanceLock;
import io.jlvs.netlink.NetworkNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit statuses a supervisor acts on, none of them the JVM's own 3 (out of memory): 78 for a
 * rejected configuration (systemd does not restart), 75 when another jlvsd holds the namespace.
 * Neither case reaches the kernel, so these run on any host.
 */
class JlvsdExitCodesTest {
    @TempDir
    Path dir;

    @Test
    void aRejectedConfigurationExits78() throws Exception {
        Path cf = Files.writeString(dir.resolve("lvs.cf"), "serial_no = 1\nvirtual web {\n  port = eighty\n}\n");
        assertEquals(78, Jlvsd.run("-c", cf.toString(), "--runtime-dir", dir.resolve("run").toString(), "--no-control-socket"));
    }

    @Test
    void aSecondInstanceOnTheSameNamespaceExits75BeforeReadingAnything() throws Exception {
        Path run = dir.resolve("run");
        // The configuration is broken too: the lock is taken first, so the answer is "another instance".
        Path cf = Files.writeString(dir.resolve("lvs.cf"), "serial_no = 1\nvirtual web {\n  port = eighty\n}\n");
        try (InstanceLock first = InstanceLock.acquire(run, NetworkNamespace.current())) {
            assertEquals(75, Jlvsd.run("-c", cf.toString(), "--runtime-dir", run.toString(), "--no-control-socket"));
            assertEquals(75, Jlvsd.run("-c", cf.toString(), "--runtime-dir", run.toString(), "--release-addresses"));
        }
        assertEquals(78, Jlvsd.run("-c", cf.toString(), "--runtime-dir", run.toString(), "--release-addresses"));
    }
}
