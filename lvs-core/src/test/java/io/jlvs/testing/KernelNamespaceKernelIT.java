package io.jlvs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixture itself: the namespace it makes is a real named one, with lo up, and goes away on close. */
@KernelTest
class KernelNamespaceKernelIT {

    @Test
    void namespaceIsNamedAndSeparateFromTheCallers(KernelNamespace ns) throws Exception {
        assertTrue(Files.exists(Path.of("/run/netns", ns.name())));
        Path inside = ns.inside(() -> Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")));
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")), inside);
        assertEquals(List.of(ns.name()), List.of(ns.sh("ip netns identify $$").strip()));
    }

    @Test
    void loopbackIsUpUnlessAskedOtherwise(KernelNamespace up, @LoopbackDown KernelNamespace down) {
        assertTrue(up.sh("ip -o link show lo").contains("UP"), up.sh("ip -o link show lo"));
        assertTrue(down.sh("ip -o link show lo").contains("state DOWN"), down.sh("ip -o link show lo"));
    }

    @Test
    void ipvsadmFailureFailsWithItsStderr(KernelNamespace ns) {
        AssertionError e = assertThrows(AssertionError.class, () -> ns.ipvsadm("-D", "-t", "10.0.0.1:80"));

        assertTrue(e.getMessage().contains("ipvsadm -D -t 10.0.0.1:80 exited"), e.getMessage());
        assertTrue(e.getMessage().contains("No such service"), e.getMessage());
    }

    @Test
    void closeDeletesTheNamespace() {
        KernelNamespace ns = KernelNamespace.create();
        ns.ipvsadm("-A", "-t", "10.0.0.1:80");

        ns.close();

        assertFalse(Files.exists(Path.of("/run/netns", ns.name())));
        assertFalse(Processes.check(KernelNamespace.COMMAND_TIMEOUT, List.of("ip", "netns", "list")).contains(ns.name()));
    }
}
