package io.jlvs.director.kernel;

import static io.jlvs.testing.Inet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.ConfigException;
import io.jlvs.config.Configuration;
import io.jlvs.config.LvsCf;
import io.jlvs.director.DesiredTable;
import io.jlvs.director.ReconcileResult;
import io.jlvs.director.Reconciler;
import io.jlvs.ipvs.Operation;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import io.jlvs.testing.TcpEcho;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * lvs.cf → desired table → reconcile, against the kernel, with {@code ipvsadm -Sn} as the witness.
 * The VIPs and the real server live on the namespace's lo, and clients connect from the same
 * namespace (IPVS schedules locally originated connections at LOCAL_OUT), so an open TCP connection
 * through the VIP shows whether an edit cut it.
 */
@KernelTest
class ReconcileKernelIT {
    private static final InetAddress VIP = ip("10.0.0.100");
    private static final InetAddress VIP2 = ip("10.0.0.101");
    private static final InetAddress REAL = ip("10.0.0.2");
    private static final InetAddress REAL2 = ip("10.0.0.3");
    private static final ServiceKey WEB = ServiceKey.tcp(VIP, 80);
    private static final RealServerAddress B = new RealServerAddress(REAL2, 8080);

    /** Two virtual servers over NAT, as an operator would write them; %d is web's weight for a. */
    private static final String LVS_CF = """
            serial_no = 1
            network = nat
            nat_router = 10.0.0.254 eth1:1
            virtual web {
                 address = 10.0.0.100 eth0:1
                 port = 80
                 scheduler = %s
                 server a {
                     address = 10.0.0.2
                     port = 8080
                     weight = %d
                 }
                 server b {
                     address = 10.0.0.3
                     port = 8080
                     weight = 2
                 }
            }
            virtual mail {
                 address = 10.0.0.101 eth0:2
                 port = 25
                 scheduler = wlc
                 persistent = 60
                 pmask = 255.255.255.0
                 server a {
                     address = 10.0.0.2
                 }
            }
            """;

    private static DesiredTable desired(String scheduler, int weight) throws ConfigException {
        Configuration config = LvsCf.parse("lvs.cf", LVS_CF.formatted(scheduler, weight)).configuration();
        return DesiredTable.from(config);
    }

    private static List<String> expectedSave(String scheduler, int weight) {
        return List.of(
                "-A -t 10.0.0.100:80 -s " + scheduler,
                "-a -t 10.0.0.100:80 -r 10.0.0.2:8080 -m -w " + weight,
                "-a -t 10.0.0.100:80 -r 10.0.0.3:8080 -m -w 2",
                "-A -t 10.0.0.101:25 -s wlc -p 60 -M 255.255.255.0",
                "-a -t 10.0.0.101:25 -r 10.0.0.2:25 -m -w 1");
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    @Test
    void anEmptyKernelGetsTheConfigurationInOneBatchAndThenIsInSync(KernelNamespace ns) throws Exception {
        Reconciler reconciler = new Reconciler(ns.ipvs());
        ReconcileResult first = reconciler.reconcile(desired("rr", 1));
        assertTrue(first.allApplied(), first.toString());
        assertEquals(5, first.plan().size());
        assertEquals(List.of(), first.drift());
        assertEquals(sorted(expectedSave("rr", 1)), sorted(ns.ipvsadmSave()));

        ReconcileResult again = reconciler.reconcile(desired("rr", 1));
        assertTrue(again.wasInSync(), again.plan().toString());
        assertTrue(again.result().isEmpty(), "nothing is written when in sync");
    }

    @Test
    void aWeightChangeIsOneSetDestAndAnOpenConnectionThroughTheVipSurvives(KernelNamespace ns) throws Exception {
        ns.addLoopbackAddress(VIP, 32);
        ns.addLoopbackAddress(VIP2, 32);
        ns.addLoopbackAddress(REAL, 32);
        ns.addLoopbackAddress(REAL2, 32);
        Reconciler reconciler = new Reconciler(ns.ipvs());
        // only a is up at first (b is quiesced by weight 0 in the kernel's view: no echo on REAL2), so the
        // connection is scheduled to a; then a's weight changes under the open connection
        assertTrue(reconciler.reconcile(desired("rr", 1).withWeight(
                WEB, B, 0)).allApplied());
        try (TcpEcho echo = TcpEcho.listen(ns, REAL, 8080); Socket open = TcpEcho.connect(ns, VIP, 80)) {
            TcpEcho.roundTrip(open, "before\n");

            ReconcileResult weight = reconciler.reconcile(desired("rr", 5).withWeight(
                    WEB, B, 0));
            assertEquals(List.of("~ real server TCP 10.0.0.100:80 -> 10.0.0.2:8080 weight 1 -> 5"),
                    weight.plan().lines());
            assertInstanceOf(Operation.EditRealServer.class, weight.plan().toBatch().operations().get(0));
            assertTrue(weight.allApplied(), weight.toString());
            assertEquals(List.of(), weight.drift(), "the director's own change is not drift");
            TcpEcho.roundTrip(open, "after the weight edit\n");

            ReconcileResult scheduler = reconciler.reconcile(desired("wlc", 5).withWeight(
                    WEB, B, 0));
            assertEquals(List.of("~ service TCP 10.0.0.100:80 scheduler rr -> wlc"), scheduler.plan().lines());
            assertTrue(scheduler.allApplied(), scheduler.toString());
            TcpEcho.roundTrip(open, "after the scheduler edit\n");

            assertEquals(1, echo.acceptedCount(), "the same connection carried every round trip");
            assertTrue(ns.ipvsadmSave().contains("-a -t 10.0.0.100:80 -r 10.0.0.2:8080 -m -w 5"));
            assertTrue(ns.ipvsadmSave().contains("-A -t 10.0.0.100:80 -s wlc"));
        }
    }

    @Test
    void driftMadeWithIpvsadmIsDetectedAndRepaired(KernelNamespace ns) throws Exception {
        Reconciler reconciler = new Reconciler(ns.ipvs());
        assertTrue(reconciler.reconcile(desired("rr", 1)).allApplied());

        ns.ipvsadm("-e", "-t", "10.0.0.100:80", "-r", "10.0.0.3:8080", "-m", "-w", "7");
        ns.ipvsadm("-E", "-t", "10.0.0.101:25", "-s", "rr", "-p", "60", "-M", "255.255.255.0");
        ns.ipvsadm("-A", "-t", "10.0.0.200:80", "-s", "rr");
        ns.ipvsadm("-d", "-t", "10.0.0.100:80", "-r", "10.0.0.2:8080");

        ReconcileResult repair = reconciler.reconcile(desired("rr", 1));
        assertTrue(repair.allApplied(), repair.toString());
        assertEquals(sorted(List.of(
                        "- service TCP 10.0.0.200:80 rr",
                        "~ service TCP 10.0.0.101:25 scheduler rr -> wlc",
                        "+ real server TCP 10.0.0.100:80 -> 10.0.0.2:8080 Masq weight 1",
                        "~ real server TCP 10.0.0.100:80 -> 10.0.0.3:8080 weight 7 -> 2")),
                sorted(repair.plan().lines()));
        assertEquals(repair.plan().steps(), repair.drift(), "every step undoes a change made behind its back");
        assertEquals(sorted(expectedSave("rr", 1)), sorted(ns.ipvsadmSave()));
        assertTrue(reconciler.reconcile(desired("rr", 1)).wasInSync());
    }

    @Test
    void aConfigurationErrorLeavesTheKernelTableUntouched(KernelNamespace ns) throws Exception {
        Reconciler reconciler = new Reconciler(ns.ipvs());
        assertTrue(reconciler.reconcile(desired("rr", 1)).allApplied());
        List<String> before = ns.ipvsadmSave();

        String broken = LVS_CF.formatted("rr", 1).replace("weight = 2", "weight = -2");
        ConfigException e = assertThrows(ConfigException.class, () -> LvsCf.parse("lvs.cf", broken));
        assertEquals("lvs.cf:16: weight: must be 0..65535, got -2", e.getMessage());
        assertEquals(before, ns.ipvsadmSave());
        assertTrue(reconciler.preview(desired("rr", 1)).isEmpty(),
                "the running table still matches the last good configuration");
    }
}
