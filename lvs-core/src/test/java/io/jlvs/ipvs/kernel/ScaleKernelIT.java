package io.jlvs.ipvs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.Batch;
import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.testing.Inet;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tables of realistic size: one batch of 60k operations, and a dump of 10k services. Correctness only;
 * the elapsed time is printed for information (the guest is emulated, so it says little).
 */
@KernelTest
class ScaleKernelIT {
    private static final int SERVICES = 10_000;
    private static final int REAL_SERVERS_PER_SERVICE = 5;

    /** Service i: TCP 10.1.(i / 256).(i % 256):80, or UDP 10.2.*.*:53 for {@link #tenThousandServicesAreListed}. */
    private static InetAddress address(int net, int i) {
        return Inet.ip("10." + net + "." + (i / 256) + "." + (i % 256));
    }

    @Test
    @Timeout(600)
    void sixtyThousandOperationsApplyInOneBatch(KernelNamespace ns) {
        Batch.Builder b = Batch.builder();
        for (int i = 0; i < SERVICES; i++) {
            ServiceKey key = ServiceKey.tcp(address(1, i), 80);
            b.addService(VirtualService.builder(key).scheduler(Scheduler.WRR).build());
            for (int r = 1; r <= REAL_SERVERS_PER_SERVICE; r++) {
                b.addRealServer(key, RealServer.builder(Inet.ip("172.16." + r + "." + (i % 250 + 1)), 8080)
                        .masquerade().weight(r).build());
            }
        }
        Batch batch = b.build();
        assertEquals(60_000, batch.size());

        long start = System.nanoTime();
        BatchResult result = ns.ipvs().apply(batch);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("ScaleKernelIT: batch of " + batch.size() + " operations applied in " + millis + " ms");

        assertEquals(60_000, result.appliedCount(), () -> result.toString());
        List<String> saved = ns.ipvsadmSave();
        assertEquals(60_000, saved.size());
        assertEquals(SERVICES, saved.stream().filter(l -> l.startsWith("-A ")).count());
        assertEquals(SERVICES * REAL_SERVERS_PER_SERVICE, saved.stream().filter(l -> l.startsWith("-a ")).count());
        Set<String> all = new HashSet<>(saved);
        for (int i : new int[] {0, 1, 255, 256, 4321, 9999}) {
            String service = "-t 10.1." + (i / 256) + "." + (i % 256) + ":80";
            assertTrue(all.contains("-A " + service + " -s wrr"), service);
            for (int r = 1; r <= REAL_SERVERS_PER_SERVICE; r++) {
                String rule = "-a " + service + " -r 172.16." + r + "." + (i % 250 + 1) + ":8080 -m -w " + r;
                assertTrue(all.contains(rule), rule);
            }
        }
    }

    @Test
    @Timeout(600)
    void tenThousandServicesAreListed(KernelNamespace ns) {
        Batch.Builder b = Batch.builder();
        Set<VirtualService> added = new HashSet<>();
        Set<String> rules = new HashSet<>();
        for (int i = 0; i < SERVICES; i++) {
            InetAddress vip = address(2, i);
            VirtualService s = i % 2 == 0
                    ? VirtualService.builder(ServiceKey.udp(vip, 53)).scheduler(Scheduler.RR).build()
                    : VirtualService.builder(ServiceKey.tcp(vip, 443)).scheduler(Scheduler.SH).persistent(Duration.ofSeconds(i)).build();
            b.addService(s);
            added.add(s);
            rules.add(i % 2 == 0
                    ? "-A -u " + vip.getHostAddress() + ":53 -s rr"
                    : "-A -t " + vip.getHostAddress() + ":443 -s sh -p " + i);
        }
        assertTrue(ns.ipvs().apply(b.build()).allApplied());

        long start = System.nanoTime();
        List<ServiceEntry> listed = ns.ipvs().services();
        System.out.println("ScaleKernelIT: dump of " + listed.size() + " services in " + (System.nanoTime() - start) / 1_000_000 + " ms");

        assertEquals(SERVICES, listed.size());
        assertEquals(added, listed.stream().map(ServiceEntry::service).collect(Collectors.toSet()));
        assertTrue(listed.stream().allMatch(e -> e.stats().equals(Stats.ZERO)));
        List<String> saved = ns.ipvsadmSave();
        assertEquals(SERVICES, saved.size());
        assertEquals(rules, Set.copyOf(saved));
        ServiceKey sample = ServiceKey.tcp(address(2, 4321), 443);
        assertEquals(Optional.of(VirtualService.builder(sample).scheduler(Scheduler.SH).persistent(Duration.ofSeconds(4321)).build()),
                ns.ipvs().service(sample).map(ServiceEntry::service));
    }
}
