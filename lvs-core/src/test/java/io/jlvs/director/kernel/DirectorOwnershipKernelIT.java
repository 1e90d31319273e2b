package io.jlvs.director.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.director.ConfigurationRejectedException;
import io.jlvs.director.Director;
import io.jlvs.director.DirectorSettings;
import io.jlvs.director.NodeMode;
import io.jlvs.director.Plan;
import io.jlvs.director.internal.DirectorAccess;
import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.HealthPort;
import io.jlvs.director.internal.KernelTable;
import io.jlvs.director.internal.LvsCfLoader;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.StandaloneRole;
import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import io.jlvs.testing.Poll;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The director shares the kernel's IPVS table with services it did not make: against the real kernel,
 * a service made with ipvsadm survives start, drift checks, reload and stop, while a service the
 * director made is deleted once it leaves the configuration, by a reload or at the next start.
 */
@KernelTest
class DirectorOwnershipKernelIT {
    private static final List<String> HAND_MADE = List.of(
            "-A -u 10.9.9.9:53 -s rr",
            "-a -u 10.9.9.9:53 -r 10.0.0.9:53 -m -w 2");

    private static final String MAIL = """
            virtual mail {
                 address = 10.0.0.101 eth0:2
                 port = 25
                 protocol = tcp
                 scheduler = rr
                 server mx1 {
                     address = 10.0.0.5
                     port = 25
                 }
            }
            """;

    @TempDir
    Path dir;

    private static String lvsCf(int weight, String more) {
        return """
                serial_no = 1
                network = nat
                nat_router = 10.0.0.254 eth1:1
                virtual web {
                     address = 10.0.0.100 eth0:1
                     port = 80
                     protocol = tcp
                     scheduler = wlc
                     server rs1 {
                         address = 10.0.0.2
                         port = 8080
                         weight = %d
                     }
                }
                """.formatted(weight) + more;
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("lvs.cf");
        Files.writeString(file, text);
        return file;
    }

    /** Standard parts without health checks (nothing listens on the real servers) or failover. */
    private static DirectorParts unchecked() {
        return new DirectorParts(new LvsCfLoader(), c -> HealthPort.none(), c -> new StandaloneRole(Role.ACTIVE),
                ns -> KernelTable.ipvs(IpvsClient.open(ns)));
    }

    private static Director start(DirectorSettings settings) throws ConfigurationRejectedException {
        return DirectorAccess.start(settings, unchecked());
    }

    private DirectorSettings.Builder settings(KernelNamespace ns, Path file) {
        return DirectorSettings.builder(file).namespace(ns.namespace()).node(NodeMode.PRIMARY)
                .driftInterval(Duration.ofHours(1)).stateFile(dir.resolve("state/owned"));
    }

    private static void makeByHand(KernelNamespace ns) {
        ns.ipvsadm("-A", "-u", "10.9.9.9:53", "-s", "rr");
        ns.ipvsadm("-a", "-u", "10.9.9.9:53", "-r", "10.0.0.9:53", "-m", "-w", "2");
    }

    private static void assertHandMadeThere(KernelNamespace ns, String when) {
        List<String> t = ns.ipvsadmSave();
        assertTrue(t.containsAll(HAND_MADE), when + ": " + t);
    }

    private static boolean has(KernelNamespace ns, String line) {
        return ns.ipvsadmSave().contains(line);
    }

    @Test
    void aServiceMadeWithIpvsadmSurvivesStartDriftChecksReloadAndStop(KernelNamespace ns) throws Exception {
        makeByHand(ns);
        Path file = write(lvsCf(3, ""));
        Plan plan = DirectorAccess.plan(settings(ns, file).build(), unchecked(), Role.ACTIVE);
        assertEquals(List.of(ServiceKey.udp(InetAddress.getByName("10.9.9.9"), 53)), plan.leftAlone());
        assertEquals(2, plan.size(), "the web service and its real server only: " + plan);

        try (Director d = start(settings(ns, file).driftInterval(Duration.ofMillis(300)).build())) {
            assertTrue(has(ns, "-A -t 10.0.0.100:80 -s wlc"), ns.ipvsadmSave().toString());
            assertHandMadeThere(ns, "after start");
            // Drift checks repair the director's own service and nothing else.
            ns.ipvsadm("-e", "-t", "10.0.0.100:80", "-r", "10.0.0.2:8080", "-m", "-w", "9");
            Poll.until(Duration.ofSeconds(30), "a drift check to repair rs1", () -> has(ns, "-a -t 10.0.0.100:80 -r 10.0.0.2:8080 -m -w 3"), b -> b);
            assertHandMadeThere(ns, "after drift checks");
            write(lvsCf(5, ""));
            assertEquals(1, d.reload());
            assertTrue(has(ns, "-a -t 10.0.0.100:80 -r 10.0.0.2:8080 -m -w 5"), ns.ipvsadmSave().toString());
            assertHandMadeThere(ns, "after reload");
        }
        assertHandMadeThere(ns, "after stop");
        assertEquals(4, ns.ipvsadmSave().size(), ns.ipvsadmSave().toString());
    }

    @Test
    void aServiceTheDirectorMadeIsDeletedWhenAReloadRemovesIt(KernelNamespace ns) throws Exception {
        makeByHand(ns);
        Path file = write(lvsCf(3, MAIL));
        try (Director d = start(settings(ns, file).build())) {
            assertTrue(has(ns, "-A -t 10.0.0.101:25 -s rr"), ns.ipvsadmSave().toString());
            write(lvsCf(3, ""));
            d.reload();
            assertFalse(ns.ipvsadmSave().stream().anyMatch(l -> l.contains("10.0.0.101:25")), ns.ipvsadmSave().toString());
            assertTrue(d.plan().stream().allMatch(l -> l.startsWith("left alone: UDP 10.9.9.9:53")), d.plan().toString());
            assertHandMadeThere(ns, "after the reload");
        }
    }

    @Test
    void aServiceRemovedWhileStoppedIsDeletedAtTheNextStartAndNothingElse(KernelNamespace ns) throws Exception {
        Path file = write(lvsCf(3, MAIL));
        try (Director d = start(settings(ns, file).build())) {
            assertTrue(has(ns, "-A -t 10.0.0.101:25 -s rr"), ns.ipvsadmSave().toString());
        }
        makeByHand(ns);
        write(lvsCf(3, ""));
        try (Director d = start(settings(ns, file).build())) {
            assertFalse(ns.ipvsadmSave().stream().anyMatch(l -> l.contains("10.0.0.101:25")), ns.ipvsadmSave().toString());
            assertHandMadeThere(ns, "after the restart");
        }
    }

    @Test
    void manageWholeTableDeletesAServiceMadeWithIpvsadm(KernelNamespace ns) throws Exception {
        makeByHand(ns);
        Path file = write("manage_whole_table = 1\n" + lvsCf(3, ""));
        try (Director d = start(settings(ns, file).build())) {
            assertEquals(List.of("-A -t 10.0.0.100:80 -s wlc"),
                    ns.ipvsadmSave().stream().filter(l -> l.startsWith("-A")).toList());
        }
    }
}
