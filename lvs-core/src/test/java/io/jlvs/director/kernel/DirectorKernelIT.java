package io.jlvs.director.kernel;

import static io.jlvs.testing.Inet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.jlvs.testing.KernelModules;
import io.jlvs.testing.KernelRun;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import io.jlvs.testing.Poll;
import io.jlvs.testing.TcpEcho;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The director against the real kernel: a Director started in-JVM on a real lvs.cf manages the IPVS
 * table of a fresh namespace. The witness is {@code ipvsadm -Sn}; traffic goes from the namespace to
 * the VIP (IPVS schedules locally originated connections) and to an echo server on a real-server
 * address on lo.
 */
@KernelTest
class DirectorKernelIT {
    private static final InetAddress VIP = ip("10.0.0.100");
    private static final InetAddress REAL = ip("10.0.0.2");

    @TempDir
    Path dir;

    private static String lvsCf(int weight, String extra) {
        return lvsCf(weight, extra, true);
    }

    private static String lvsCf(int weight, String extra, boolean rs2Active) {
        return """
                serial_no = 1
                network = nat
                nat_router = 10.0.0.254 eth1:1
                virtual web {
                     active = 1
                     address = 10.0.0.100 eth0:1
                     port = 80
                     protocol = tcp
                     scheduler = wlc
                     %s
                     server rs1 {
                         address = 10.0.0.2
                         port = 8080
                         weight = %d
                     }
                     server rs2 {
                         address = 10.0.0.3
                         port = 8080
                         weight = 1
                         active = %d
                     }
                }
                """.formatted(extra, weight, rs2Active ? 1 : 0);
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("lvs.cf");
        Files.writeString(file, text);
        return file;
    }

    /**
     * The standard parts without health checks: these tests are about reconciling, and their real
     * servers mostly have nothing listening, which checks would rightly take out.
     */
    private static DirectorParts unchecked() {
        return new DirectorParts(new LvsCfLoader(), c -> HealthPort.none(), c -> new StandaloneRole(Role.ACTIVE),
                ns -> KernelTable.ipvs(IpvsClient.open(ns)));
    }

    private static Director start(DirectorSettings settings) throws ConfigurationRejectedException {
        return DirectorAccess.start(settings, unchecked());
    }

    private DirectorSettings.Builder settings(KernelNamespace ns, Path file) {
        return DirectorSettings.builder(file).namespace(ns.namespace()).node(NodeMode.PRIMARY)
                .driftInterval(Duration.ofHours(1));
    }

    /**
     * The table with rs1 alone (rs2 inactive) at {@code weight1}. rs1's address is on lo, and a kernel
     * may then report it as local rather than masqueraded, so its method is not compared.
     */
    private static void assertTable(KernelNamespace ns, int weight1) {
        List<String> t = ns.ipvsadmSave();
        assertEquals(2, t.size(), t.toString());
        assertTrue(t.contains("-A -t 10.0.0.100:80 -s wlc"), t.toString());
        assertTrue(t.stream().anyMatch(l -> l.startsWith("-a -t 10.0.0.100:80 -r 10.0.0.2:8080 ")
                && l.endsWith(" -w " + weight1)), t.toString());
    }

    @Test
    void aSchedulerThisKernelLacksIsRefusedByPlanAndStartBeforeTheKernelIsTouched(KernelNamespace ns) throws Exception {
        if (KernelModules.has("ip_vs_twos")) {
            KernelRun.skipForKernelFeature("this kernel has ip_vs_twos; the refusal needs a scheduler it lacks");
        }
        Path file = write(lvsCf(3, "").replace("scheduler = wlc", "scheduler = twos"));

        ConfigurationRejectedException byPlan = assertThrows(ConfigurationRejectedException.class,
                () -> DirectorAccess.plan(settings(ns, file).build(), unchecked(), Role.ACTIVE));
        ConfigurationRejectedException byStart = assertThrows(ConfigurationRejectedException.class,
                () -> start(settings(ns, file).build()).close());

        for (ConfigurationRejectedException e : List.of(byPlan, byStart)) {
            assertTrue(e.getMessage().contains("scheduler 'twos' not available") && e.getMessage().contains("ip_vs_twos"),
                    e.getMessage());
        }
        assertEquals(List.of(), ns.ipvsadmSave(), "the kernel table was not touched");
    }

    @Test
    void startProgramsTheTableAndPlanChangesNothing(KernelNamespace ns) throws Exception {
        Path file = write(lvsCf(3, ""));
        Plan plan = DirectorAccess.plan(settings(ns, file).build(), unchecked(), Role.ACTIVE);
        assertEquals(3, plan.size(), plan.toString());
        assertEquals(List.of(), ns.ipvsadmSave(), "--plan wrote nothing");

        try (Director d = start(settings(ns, file).build())) {
            assertEquals(Set.of("-A -t 10.0.0.100:80 -s wlc",
                    "-a -t 10.0.0.100:80 -r 10.0.0.2:8080 -m -w 3",
                    "-a -t 10.0.0.100:80 -r 10.0.0.3:8080 -m -w 1"), Set.copyOf(ns.ipvsadmSave()));
            assertEquals(3, ns.ipvsadmSave().size());
            assertEquals("ACTIVE", d.status().role());
            assertTrue(d.plan().isEmpty(), "in sync: " + d.plan());
        }
    }

    @Test
    void reloadThatChangesAWeightKeepsAnOpenConnectionAlive(KernelNamespace ns) throws Exception {
        ns.addLoopbackAddress(VIP, 32);
        ns.addLoopbackAddress(REAL, 32);
        Path file = write(lvsCf(1, "", false));
        try (TcpEcho echo = TcpEcho.listen(ns, REAL, 8080);
                Director d = start(settings(ns, file).build())) {
            assertTable(ns, 1);
            try (Socket client = TcpEcho.connect(ns, VIP, 80)) {
                TcpEcho.roundTrip(client, "before reload\n");

                write(lvsCf(5, "", false));
                assertEquals(1, d.reload(), "one edit in place");

                assertTable(ns, 5);
                TcpEcho.roundTrip(client, "after reload\n");
            }
            assertEquals(1, echo.acceptedCount(), "the same connection carried both round trips");
        }
    }

    /** Scheduler flags, one-packet scheduling, thresholds, GUE tunnels and port names, each as the kernel holds it. */
    private static String optionsCf(int upper, int lower) {
        return """
                network = nat
                nat_router = 10.0.0.254 eth1:1
                virtual dns {
                     address = 10.0.0.100 eth0:1
                     port = domain
                     protocol = udp
                     scheduler = sh
                     scheduler_flags = sh-port sh-fallback
                     one_packet = 1
                     server ns1 {
                         address = 10.0.0.2
                         u_threshold = %d
                         l_threshold = %d
                     }
                }
                virtual web {
                     address = 10.0.0.100 eth0:1
                     port = http
                     scheduler = mh
                     scheduler_flags = mh-port
                     forward = tunnel
                     tunnel_type = gue
                     tunnel_port = 6080
                     tunnel_checksum = csum
                     server rs1 {
                         address = 10.0.0.3
                     }
                }
                """.formatted(upper, lower);
    }

    @Test
    void schedulingOptionsThresholdsAndTunnelsReachTheKernelAndStayInSync(KernelNamespace ns) throws Exception {
        if (!KernelModules.has("ip_vs_mh")) {
            KernelRun.skipForKernelFeature("this kernel has no ip_vs_mh");
        }
        Path file = write(optionsCf(100, 50));
        try (Director d = start(settings(ns, file).build())) {
            List<String> t = ns.ipvsadmSave();
            String dns = line(t, "-A -u 10.0.0.100:53 ");
            assertEquals("-A -u 10.0.0.100:53 -s sh -o -b sh-fallback,sh-port", dns);
            assertThresholds(ns, 100, 50);
            String web = line(t, "-A -t 10.0.0.100:80 ");
            assertTrue(web.contains("-s mh") && web.contains("-b mh-port"), t.toString());
            String rs1 = line(t, "-a -t 10.0.0.100:80 -r 10.0.0.3:80 ");
            assertTrue(rs1.contains(" -i ") && rs1.contains("--tun-type gue") && rs1.contains("--tun-port 6080")
                    && rs1.contains("--tun-csum"), t.toString());
            assertTrue(d.plan().isEmpty(), "what the kernel reports back equals what was asked: " + d.plan());

            write(optionsCf(200, 0));
            assertEquals(1, d.reload(), "one real server edited in place");
            assertThresholds(ns, 200, 0);
            assertTrue(d.plan().isEmpty(), d.plan().toString());
        }
    }

    /** ipvsadm -S leaves thresholds out; ipvsadm -L --thresholds shows them, after the address. */
    private static void assertThresholds(KernelNamespace ns, int upper, int lower) {
        String listing = ns.ipvsadm("-Ln", "--thresholds");
        assertTrue(listing.lines().anyMatch(l -> l.matches("\\s*->\\s+10\\.0\\.0\\.2:53\\s+" + upper + "\\s+" + lower + "\\s.*")),
                listing);
    }

    private static String line(List<String> table, String prefix) {
        return table.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + prefix + "' in " + table));
    }

    @Test
    void brokenReloadKeepsTheTableAndNamesFileAndLine(KernelNamespace ns) throws Exception {
        Path file = write(lvsCf(3, ""));
        try (Director d = start(settings(ns, file).build())) {
            List<String> before = ns.ipvsadmSave();
            write(lvsCf(7, "persistent = forever"));
            ConfigurationRejectedException e = assertThrows(ConfigurationRejectedException.class, d::reload);
            assertTrue(e.getMessage().startsWith(file + ":10: persistent: "), e.getMessage());
            assertEquals(before, ns.ipvsadmSave());
            assertTrue(d.plan().isEmpty(), "the old configuration is still in force, and in sync: " + d.plan());
        }
    }

    @Test
    void driftMadeWithIpvsadmIsRepaired(KernelNamespace ns) throws Exception {
        Path file = write(lvsCf(3, ""));
        try (Director d = start(settings(ns, file).driftInterval(Duration.ofSeconds(1)).build())) {
            List<String> configured = ns.ipvsadmSave();
            ns.ipvsadm("-e", "-t", "10.0.0.100:80", "-r", "10.0.0.2:8080", "-m", "-w", "9");
            ns.ipvsadm("-d", "-t", "10.0.0.100:80", "-r", "10.0.0.3:8080");
            Poll.until(Duration.ofSeconds(30), "the drift check to restore the table", ns::ipvsadmSave,
                    t -> Set.copyOf(t).equals(Set.copyOf(configured)) && t.size() == configured.size());
            assertTrue(d.status().services().get(0).programmed());
        }
    }

    @Test
    void controlSocketStatusShowsTheServices(KernelNamespace ns) throws Exception {
        Path file = write(lvsCf(3, ""));
        Path socket = dir.resolve("run/jlvsd.sock");
        try (Director d = start(settings(ns, file).controlSocket(socket).build())) {
            JsonNode status = ask(socket, "{\"command\":\"status\"}");
            assertTrue(status.path("ok").asBoolean(), status.toString());
            JsonNode web = status.at("/result/services/0");
            assertEquals("web", web.path("name").asText());
            assertEquals("TCP 10.0.0.100:80", web.path("key").asText());
            assertTrue(web.path("programmed").asBoolean());
            assertEquals("rs1", web.at("/servers/0/name").asText());
            assertEquals(3, web.at("/servers/0/weight").asInt());

            JsonNode weight = ask(socket, "{\"command\":\"weight\",\"service\":\"web\",\"server\":\"rs2\",\"weight\":4}");
            assertTrue(weight.path("ok").asBoolean(), weight.toString());
            assertTrue(ns.ipvsadmSave().contains("-a -t 10.0.0.100:80 -r 10.0.0.3:8080 -m -w 4"), ns.ipvsadmSave().toString());

            JsonNode disable = ask(socket, "{\"command\":\"disable\",\"service\":\"web\",\"server\":\"10.0.0.3:8080\"}");
            assertTrue(disable.path("ok").asBoolean(), disable.toString());
            assertEquals(2, ns.ipvsadmSave().size(), ns.ipvsadmSave().toString());
        }
        assertTrue(!Files.exists(socket), "the socket file is removed on close");
    }

    private static JsonNode ask(Path socket, String request) throws Exception {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            c.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
            String line = new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8)).readLine();
            return new ObjectMapper().readTree(line);
        }
    }
}
