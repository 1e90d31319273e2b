package io.jlvs.netlink;

import static io.jlvs.sys.LinuxConstants.NETLINK_ROUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jlvs.sys.Errno;
import io.jlvs.sys.Syscalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sockets opened in another network namespace, on this machine's kernel: a namespace made with
 * {@code ip netns add} for each test and deleted after it. Needs root and iproute2; skipped without.
 */
@Timeout(60)
class NetworkNamespaceLiveTest {
    /** rtnetlink (include/uapi/linux/rtnetlink.h, if_link.h). */
    private static final int RTM_GETLINK = 18;
    private static final int IFINFOMSG_LEN = 16; // family u8, pad u8, type u16, index s32, flags u32, change u32
    private static final int IFLA_IFNAME = 3;
    private static final Path THREAD_NET_NS = Path.of("/proc/thread-self/ns/net");

    private Syscalls sys;
    private String name;

    @BeforeEach
    void createNamespace() throws Exception {
        sys = GenericNetlinkLiveTest.syscallsOrSkip();
        name = "jlvs-nltest-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        assumeTrue(run("ip", "netns", "add", name) == 0, "ip netns add failed (needs root and iproute2)");
    }

    @AfterEach
    void deleteNamespace() throws Exception {
        if (name != null && Files.exists(Path.of("/run/netns", name))) {
            assertEquals(0, run("ip", "netns", "del", name), "ip netns del " + name);
        }
    }

    /** Runs a command with a bound on its time; returns its exit status (-1 when it could not run). */
    private static int run(String... command) throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return -1;
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                System.err.println(String.join(" ", command) + ": " + out);
            }
        } catch (IOException ignored) {
            // the exit status is what matters
        }
        return p.exitValue();
    }

    private static List<String> linkNames(NetlinkConnection connection) {
        Request dump = new Request(RTM_GETLINK, 0, w -> w.putRaw(new byte[IFINFOMSG_LEN]), "dump links");
        return connection.dump(dump, m -> m.attributes(IFINFOMSG_LEN).string(IFLA_IFNAME));
    }

    private NetlinkConnection connectionIn(NetworkNamespace ns) {
        NetlinkSocket socket = ns.call(sys, () -> NetlinkSocket.open(sys, NETLINK_ROUTE, Duration.ofSeconds(5)));
        return new NetlinkConnection(socket, Duration.ofSeconds(30));
    }

    @Test
    void aSocketOpenedInAFreshNamespaceSeesOnlyItsLoopback() {
        try (NetlinkConnection inside = connectionIn(NetworkNamespace.named(name));
             NetlinkConnection here = connectionIn(NetworkNamespace.current())) {
            assertEquals(List.of("lo"), linkNames(inside));
            List<String> hostLinks = linkNames(here);
            assumeTrue(hostLinks.size() > 1, "this host has only lo, so it cannot tell the namespaces apart: " + hostLinks);
            assertTrue(hostLinks.contains("lo"), hostLinks.toString());
        }
    }

    @Test
    void linksAddedInTheNamespaceAreSeenThereAndNotOnTheHost() throws Exception {
        String a = "jlnA" + name.substring(name.length() - 6);
        String b = "jlnB" + name.substring(name.length() - 6);
        assumeTrue(run("ip", "-n", name, "link", "add", a, "type", "veth", "peer", "name", b) == 0, "veth not available");
        try (NetlinkConnection inside = connectionIn(NetworkNamespace.named(name));
             NetlinkConnection here = connectionIn(NetworkNamespace.current())) {
            List<String> namespaceLinks = linkNames(inside);
            assertEquals(Set.of("lo", a, b), Set.copyOf(namespaceLinks), namespaceLinks.toString());
            assertEquals(3, namespaceLinks.size(), namespaceLinks.toString());
            List<String> hostLinks = linkNames(here);
            assertFalse(hostLinks.contains(a), hostLinks.toString());
            assertFalse(hostLinks.contains(b), hostLinks.toString());
        }
    }

    @Test
    void theCallingThreadStaysInItsOwnNamespace() throws Exception {
        Path before = Files.readSymbolicLink(THREAD_NET_NS);
        Path inside = NetworkNamespace.named(name).call(sys, () -> {
            try {
                return Files.readSymbolicLink(THREAD_NET_NS);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (NetlinkConnection c = connectionIn(NetworkNamespace.named(name))) {
            linkNames(c);
        }
        Path after = Files.readSymbolicLink(THREAD_NET_NS);
        assertNotEquals(before, inside, "the action ran in the other namespace");
        assertEquals(before, after, "the caller's namespace is unchanged");
    }

    @Test
    void aNamespaceThatDoesNotExistFailsWithEnoent() {
        NamespaceUnavailableException e = assertThrows(NamespaceUnavailableException.class,
                () -> connectionIn(NetworkNamespace.named(name + "-missing")));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals(Path.of("/run/netns", name + "-missing"), e.path());
        assertTrue(e.getMessage().contains("does not exist (make it with 'ip netns add " + name + "-missing'"), e.getMessage());
    }

    @Test
    void ipvsClientSaysWhichNamespaceIsMissingNotThatIpvsIs() {
        io.jlvs.ipvs.IpvsException e = assertThrows(io.jlvs.ipvs.IpvsException.class,
                () -> io.jlvs.ipvs.IpvsClient.open(NetworkNamespace.named(name + "-missing")));
        assertInstanceOf(io.jlvs.ipvs.KernelException.class, e, e.toString());
        assertTrue(e.getMessage().contains("network namespace /run/netns/" + name + "-missing"), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
