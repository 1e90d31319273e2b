package io.jlvs.ipvs.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.AlreadyExistsException;
import io.jlvs.ipvs.Batch;
import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.Ipvs;
import io.jlvs.ipvs.IpvsException;
import io.jlvs.ipvs.NoSuchRealServerException;
import io.jlvs.ipvs.NoSuchServiceException;
import io.jlvs.ipvs.PersistenceEngineNotAvailableException;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerNotAvailableException;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.Timeouts;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.sys.Errno;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What an {@link Ipvs} does, written once and run against the kernel (IpvsContractKernelIT, in a fresh
 * network namespace in the guest) and against {@link io.jlvs.ipvs.InMemoryIpvs} (InMemoryIpvsContractTest):
 * the same results, the same exception types with the same messages and errno, the same defaults and
 * listing order, for every call of the interface. A difference is a bug in the model (or a kernel
 * behaviour it does not know yet).
 */
abstract class IpvsContract {
    static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);
    static final ServiceKey MISSING = ServiceKey.tcp(ip("10.0.0.9"), 80);
    static final RealServer RS1 = RealServer.builder(ip("10.0.1.1"), 8080).masquerade().weight(3).build();
    static final RealServer RS2 = RealServer.builder(ip("10.0.1.2"), 8080).masquerade().build();
    static final RealServer RS3 = RealServer.builder(ip("10.0.1.3"), 8080).directRoute().weight(0).build();

    /** An empty table, fresh for each test. */
    abstract Ipvs ipvs();

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static <T extends IpvsException> T refused(Class<T> type, int errno, String message, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(errno, e.errno(), e.getMessage());
        assertTrue(e.getMessage().startsWith(message + " ("), "message: " + e.getMessage());   // then "(ERRNO)"
        return e;
    }

    private void web() {
        ipvs().addService(VirtualService.builder(WEB).scheduler(Scheduler.WLC).build());
    }

    @Test
    void infoAndDefaultTimeouts() {
        assertEquals("1.2.1", ipvs().info().versionString());
        assertEquals(4096, ipvs().info().connectionTableSize());
        assertEquals(Timeouts.ofSeconds(900, 120, 300), ipvs().timeouts());
    }

    @Test
    void aZeroTimeoutLeavesThatOneUnchanged() {
        ipvs().setTimeouts(new Timeouts(Duration.ofSeconds(600), Duration.ZERO, Duration.ofSeconds(60)));
        assertEquals(Timeouts.ofSeconds(600, 120, 60), ipvs().timeouts());
    }

    @Test
    void aServiceReadsBackAsWritten() {
        VirtualService persistent = VirtualService.builder(WEB).scheduler(Scheduler.SH).persistent(Duration.ofSeconds(360)).build();
        ipvs().addService(persistent);
        assertEquals(persistent, ipvs().service(WEB).orElseThrow().service());
        assertEquals(List.of(persistent), ipvs().services().stream().map(ServiceEntry::service).toList());
        VirtualService edited = VirtualService.builder(WEB).scheduler(Scheduler.RR).build();
        ipvs().editService(edited);
        assertEquals(edited, ipvs().service(WEB).orElseThrow().service());
        assertTrue(ipvs().service(MISSING).isEmpty());
        ipvs().deleteService(WEB);
        assertEquals(List.of(), ipvs().services());
    }

    @Test
    void servicesOfEveryKindAndAddressServicesAreListedBeforeFirewallMarks() {
        ServiceKey mark = ServiceKey.fwmark(7, io.jlvs.ipvs.AddressFamily.INET);
        ServiceKey v6 = ServiceKey.tcp(ip("2001:db8::1"), 443);
        ServiceKey udp = ServiceKey.udp(ip("10.0.0.2"), 53);
        for (ServiceKey k : List.of(mark, v6, udp, WEB)) {
            ipvs().addService(VirtualService.builder(k).scheduler(Scheduler.RR).build());
        }
        List<ServiceKey> listed = ipvs().services().stream().map(s -> s.service().key()).toList();
        assertEquals(Set.of(mark, v6, udp, WEB), Set.copyOf(listed));
        assertEquals(mark, listed.get(listed.size() - 1), "firewall-mark services come after address ones: " + listed);
    }

    @Test
    void realServersAreListedNewestFirstAndKeepTheirPlaceWhenEdited() {
        web();
        for (RealServer r : List.of(RS1, RS2, RS3)) {
            ipvs().addRealServer(WEB, r);
        }
        assertEquals(List.of(RS3, RS2, RS1), servers());
        RealServer heavier = RS2.withWeight(9);
        ipvs().editRealServer(WEB, heavier);
        assertEquals(List.of(RS3, heavier, RS1), servers());
        ipvs().deleteRealServer(WEB, RS3.key());
        assertEquals(List.of(heavier, RS1), servers());
        RealServerEntry entry = ipvs().realServers(WEB).get(0);
        assertEquals(0, entry.activeConnections());
        assertEquals(0, entry.inactiveConnections());
    }

    @Test
    void anIpv6ServiceWithIpv6RealServers() {
        ServiceKey v6 = ServiceKey.tcp(ip("2001:db8::1"), 80);
        ipvs().addService(VirtualService.builder(v6).scheduler(Scheduler.RR).build());
        RealServer r = RealServer.builder(ip("2001:db8::10"), 80).masquerade().build();
        ipvs().addRealServer(v6, r);
        assertEquals(List.of(r), ipvs().realServers(v6).stream().map(RealServerEntry::server).toList());
    }

    private List<RealServer> servers() {
        return ipvs().realServers(WEB).stream().map(RealServerEntry::server).toList();
    }

    @Test
    void refusalsAreTheKernelsTypedErrors() {
        web();
        ipvs().addRealServer(WEB, RS1);
        refused(AlreadyExistsException.class, Errno.EEXIST, "add service TCP 10.0.0.1:80: already exists",
                () -> ipvs().addService(VirtualService.builder(WEB).scheduler(Scheduler.RR).build()));
        refused(NoSuchServiceException.class, Errno.ESRCH, "edit service TCP 10.0.0.9:80: no such virtual service",
                () -> ipvs().editService(VirtualService.builder(MISSING).build()));
        refused(NoSuchServiceException.class, Errno.ESRCH, "delete service TCP 10.0.0.9:80: no such virtual service",
                () -> ipvs().deleteService(MISSING));
        refused(NoSuchServiceException.class, Errno.ESRCH, "zero counters of service TCP 10.0.0.9:80: no such virtual service",
                () -> ipvs().zero(MISSING));
        refused(NoSuchServiceException.class, Errno.ESRCH,
                "add real server 10.0.1.1:8080 to TCP 10.0.0.9:80: no such virtual service",
                () -> ipvs().addRealServer(MISSING, RS1));
        refused(AlreadyExistsException.class, Errno.EEXIST, "add real server 10.0.1.1:8080 to TCP 10.0.0.1:80: already exists",
                () -> ipvs().addRealServer(WEB, RS1.withWeight(5)));
        assertRefusedAsNoSuchRealServer(() -> ipvs().editRealServer(WEB, RS2));
        assertRefusedAsNoSuchRealServer(() -> ipvs().deleteRealServer(WEB, RS2.key()));
        refused(SchedulerNotAvailableException.class, Errno.ENOENT,
                "add service TCP 10.0.0.9:80: scheduler 'nosuch' not available: load kernel module ip_vs_nosuch",
                () -> ipvs().addService(VirtualService.builder(MISSING).scheduler("nosuch").build()));
        refused(SchedulerNotAvailableException.class, Errno.ENOENT,
                "edit service TCP 10.0.0.1:80: scheduler 'nosuch' not available: load kernel module ip_vs_nosuch",
                () -> ipvs().editService(VirtualService.builder(WEB).scheduler("nosuch").build()));
        assertThrows(PersistenceEngineNotAvailableException.class, () -> ipvs().addService(VirtualService.builder(MISSING)
                .scheduler(Scheduler.RR).persistent(Duration.ofSeconds(60)).persistenceEngine("nosuch").build()));
        // Nothing of the refused calls took effect.
        assertEquals(List.of(WEB), ipvs().services().stream().map(s -> s.service().key()).toList());
        assertEquals(Scheduler.WLC, ipvs().service(WEB).orElseThrow().service().scheduler());
        assertEquals(List.of(RS1), servers());
    }

    private static void assertRefusedAsNoSuchRealServer(Executable call) {
        NoSuchRealServerException e = assertThrows(NoSuchRealServerException.class, call);
        assertEquals(Errno.ENOENT, e.errno(), e.getMessage());
        assertTrue(e.getMessage().endsWith("10.0.1.2:8080 of TCP 10.0.0.1:80: no such real server")
                || e.getMessage().contains("no such real server"), e.getMessage());
    }

    @Test
    void aBatchReportsEachOperationAndGoesOnPastAFailure() {
        Batch batch = Batch.builder()
                .addService(VirtualService.builder(WEB).scheduler(Scheduler.RR).build())
                .addService(VirtualService.builder(WEB).scheduler(Scheduler.WLC).build())
                .addRealServer(WEB, RS1)
                .deleteRealServer(WEB, RS2.key())
                .addRealServer(WEB, RS2)
                .build();
        BatchResult result = ipvs().apply(batch);
        assertEquals(List.of(BatchResult.Status.APPLIED, BatchResult.Status.FAILED, BatchResult.Status.APPLIED,
                BatchResult.Status.FAILED, BatchResult.Status.APPLIED),
                result.results().stream().map(BatchResult.OperationResult::status).toList());
        assertTrue(result.results().get(1).error().orElseThrow() instanceof AlreadyExistsException);
        assertTrue(result.results().get(3).error().orElseThrow() instanceof NoSuchRealServerException);
        assertEquals(List.of(RS2, RS1), servers());
    }

    @Test
    void flushEmptiesTheTable() {
        web();
        ipvs().addRealServer(WEB, RS1);
        ipvs().addService(VirtualService.builder(MISSING).build());
        ipvs().flush();
        assertEquals(List.of(), ipvs().services());
        // The kernel lists no real servers for a missing service, without an error (the contract found
        // this: the model refused it at first).
        assertEquals(List.of(), ipvs().realServers(WEB));
    }

    @Test
    void syncDaemonsStartOnceAndStop() {
        SyncDaemon master = SyncDaemon.master("lo", 7);
        ipvs().startSyncDaemon(master);
        assertEquals(Set.of("MASTER lo 7"), daemons());
        IpvsException twice = assertThrows(IpvsException.class, () -> ipvs().startSyncDaemon(master));
        assertEquals(Errno.EEXIST, twice.errno(), twice.getMessage());
        ipvs().startSyncDaemon(SyncDaemon.backup("lo", 7));
        assertEquals(Set.of("MASTER lo 7", "BACKUP lo 7"), daemons());
        ipvs().stopSyncDaemon(SyncDaemon.State.MASTER);
        ipvs().stopSyncDaemon(SyncDaemon.State.BACKUP);
        assertEquals(Set.of(), daemons());
        IpvsException none = assertThrows(IpvsException.class, () -> ipvs().stopSyncDaemon(SyncDaemon.State.MASTER));
        assertEquals(Errno.ESRCH, none.errno(), none.getMessage());
    }

    private Set<String> daemons() {
        return ipvs().syncDaemons().stream().map(d -> d.state() + " " + d.interfaceName() + " " + d.syncId())
                .collect(Collectors.toSet());
    }
}
