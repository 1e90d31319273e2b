package io.jlvs.ipvs.kernel;

import static io.jlvs.ipvs.BatchResult.Status.APPLIED;
import static io.jlvs.ipvs.BatchResult.Status.FAILED;
import static io.jlvs.ipvs.BatchResult.Status.NOT_SENT;
import static io.jlvs.testing.Inet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.AlreadyExistsException;
import io.jlvs.ipvs.Batch;
import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.NoSuchRealServerException;
import io.jlvs.ipvs.NoSuchServiceException;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Batches: every operation gets its own verdict, failures do not stop the kernel from handling the
 * rest, and the table ({@code ipvsadm -Sn}, which sorts its output) holds exactly what was applied.
 */
@KernelTest
class BatchKernelIT {
    private static final ServiceKey A = ServiceKey.tcp(ip("10.0.0.1"), 80);
    private static final ServiceKey B = ServiceKey.udp(ip("10.0.0.2"), 53);
    private static final ServiceKey MISSING = ServiceKey.tcp(ip("10.0.0.9"), 80);

    private static RealServer masq(String address, int weight) {
        return RealServer.builder(ip(address), 8080).masquerade().weight(weight).build();
    }

    private static List<BatchResult.Status> statuses(BatchResult result) {
        return result.results().stream().map(BatchResult.OperationResult::status).toList();
    }

    @Test
    void failuresInTheMiddleAreReportedAndEverythingElseApplies(KernelNamespace ns) {
        Batch batch = Batch.builder()
                .addService(VirtualService.builder(A).scheduler(Scheduler.RR).build())
                .addRealServer(A, masq("10.0.1.1", 1))
                .addService(VirtualService.builder(A).scheduler(Scheduler.WLC).build())   // exists already
                .addRealServer(A, masq("10.0.1.2", 1))
                .addRealServer(MISSING, masq("10.0.1.1", 1))                            // no such service
                .addService(VirtualService.builder(B).scheduler(Scheduler.RR).build())
                .deleteRealServer(A, new RealServerAddress(ip("10.0.1.9"), 8080))       // no such real server
                .editRealServer(A, masq("10.0.1.1", 5))
                .build();

        BatchResult result = ns.ipvs().apply(batch);

        assertEquals(List.of(APPLIED, APPLIED, FAILED, APPLIED, FAILED, APPLIED, FAILED, APPLIED), statuses(result));
        assertInstanceOf(AlreadyExistsException.class, result.results().get(2).error().orElseThrow());
        assertInstanceOf(NoSuchServiceException.class, result.results().get(4).error().orElseThrow());
        assertInstanceOf(NoSuchRealServerException.class, result.results().get(6).error().orElseThrow());
        assertTrue(result.results().get(4).error().orElseThrow().getMessage()
                .startsWith("add real server 10.0.1.1:8080 to TCP 10.0.0.9:80: no such virtual service"));
        assertEquals(5, result.appliedCount());
        assertEquals(2, result.firstFailure().map(r -> result.results().indexOf(r)).orElseThrow());
        assertEquals(Set.of(
                        "-A -t 10.0.0.1:80 -s rr",
                        "-a -t 10.0.0.1:80 -r 10.0.1.1:8080 -m -w 5",
                        "-a -t 10.0.0.1:80 -r 10.0.1.2:8080 -m -w 1",
                        "-A -u 10.0.0.2:53 -s rr"),
                Set.copyOf(ns.ipvsadmSave()));
        assertEquals(4, ns.ipvsadmSave().size());
    }

    @Test
    void everyKindOfOperationApplies(KernelNamespace ns) {
        ns.ipvsadm("-A", "-t", "10.0.0.1:80", "-s", "rr");
        ns.ipvsadm("-a", "-t", "10.0.0.1:80", "-r", "10.0.1.1:8080", "-m");
        ns.ipvsadm("-a", "-t", "10.0.0.1:80", "-r", "10.0.1.2:8080", "-m");
        ns.ipvsadm("-A", "-f", "9", "-s", "rr");
        Batch batch = Batch.builder()
                .editService(VirtualService.builder(A).scheduler(Scheduler.WRR).persistent(Duration.ofSeconds(60), 24).build())
                .editRealServer(A, masq("10.0.1.1", 3))
                .deleteRealServer(A, masq("10.0.1.2", 1).key())
                .deleteService(ServiceKey.fwmark(9, AddressFamily.INET))
                .addService(VirtualService.builder(B).scheduler(Scheduler.SH).build())
                .addRealServer(B, RealServer.builder(ip("10.0.2.1"), 53).build())
                .build();

        BatchResult result = ns.ipvs().apply(batch);

        assertTrue(result.allApplied(), result.toString());
        assertEquals(Set.of(
                        "-A -t 10.0.0.1:80 -s wrr -p 60 -M 255.255.255.0",
                        "-a -t 10.0.0.1:80 -r 10.0.1.1:8080 -m -w 3",
                        "-A -u 10.0.0.2:53 -s sh",
                        "-a -u 10.0.0.2:53 -r 10.0.2.1:53 -g -w 1"),
                Set.copyOf(ns.ipvsadmSave()));
    }

    @Test
    void stopAtFailureSendsNothingAfterTheDatagramThatFailed(KernelNamespace ns) {
        // More operations than fit one datagram; the fourth fails.
        List<VirtualService> services = IntStream.rangeClosed(1, 1500)
                .mapToObj(mark -> VirtualService.builder(ServiceKey.fwmark(mark, AddressFamily.INET)).scheduler(Scheduler.RR).build())
                .toList();
        Batch.Builder b = Batch.builder();
        for (int i = 0; i < services.size(); i++) {
            b.addService(services.get(i));
            if (i == 2) {
                b.addService(services.get(0));
            }
        }
        Batch batch = b.build();

        BatchResult result = ns.ipvs().apply(batch, true, null);

        List<BatchResult.Status> statuses = statuses(result);
        assertEquals(FAILED, statuses.get(3));
        int firstNotSent = statuses.indexOf(NOT_SENT);
        assertTrue(firstNotSent > 3 && firstNotSent < statuses.size(), "some operations not sent: " + result);
        assertTrue(statuses.subList(firstNotSent, statuses.size()).stream().allMatch(s -> s == NOT_SENT));
        assertTrue(statuses.subList(0, firstNotSent).stream().filter(s -> s != APPLIED).count() == 1,
                "only the duplicate failed among those sent");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < statuses.size(); i++) {
            if (statuses.get(i) == APPLIED) {
                expected.add("-A -f " + Integer.toUnsignedString(((ServiceKey.Fwmark) batch.operations().get(i).service()).mark())
                        + " -s rr");
            }
        }
        List<String> saved = ns.ipvsadmSave();
        assertEquals(expected.size(), saved.size());
        assertEquals(expected, Set.copyOf(saved));
    }

    @Test
    void withoutStopAtFailureEveryDatagramIsSent(KernelNamespace ns) {
        Batch.Builder b = Batch.builder();
        for (int mark = 1; mark <= 1500; mark++) {
            b.addService(VirtualService.builder(ServiceKey.fwmark(mark, AddressFamily.INET)).scheduler(Scheduler.RR).build());
        }
        b.addService(VirtualService.builder(ServiceKey.fwmark(7, AddressFamily.INET)).scheduler(Scheduler.RR).build());
        List<Integer> progress = new ArrayList<>();

        BatchResult result = ns.ipvs().apply(b.build(), false, progress::add);

        assertEquals(1500, result.appliedCount());
        assertEquals(FAILED, result.results().get(1500).status());
        assertEquals(1501, progress.get(progress.size() - 1));
        assertTrue(progress.size() > 1, "more than one datagram: " + progress);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) > progress.get(i - 1), "progress only grows: " + progress);
        }
        assertEquals(1500, ns.ipvsadmSave().size());
    }

    @Test
    void emptyBatchDoesNothing(KernelNamespace ns) {
        BatchResult result = ns.ipvs().apply(Batch.builder().build());

        assertEquals(List.of(), result.results());
        assertTrue(result.allApplied());
        assertEquals(List.of(), ns.ipvsadmSave());
    }
}
