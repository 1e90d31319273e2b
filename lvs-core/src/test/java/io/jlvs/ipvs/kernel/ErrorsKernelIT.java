package io.jlvs.ipvs.kernel;

import static io.jlvs.testing.Inet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.AlreadyExistsException;
import io.jlvs.ipvs.InvalidArgumentException;
import io.jlvs.ipvs.IpvsException;
import io.jlvs.ipvs.NoSuchRealServerException;
import io.jlvs.ipvs.NoSuchServiceException;
import io.jlvs.ipvs.PersistenceEngineNotAvailableException;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerNotAvailableException;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.ipvs.internal.IpvsErrors;
import io.jlvs.sys.Errno;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import io.jlvs.testing.LoopbackDown;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What the kernel refuses, as typed exceptions whose message names the operation and the object, and
 * the errno the kernel gave. After each refusal the table is as it was (ipvsadm -Sn).
 */
@KernelTest
class ErrorsKernelIT {
    private static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);
    private static final ServiceKey MISSING = ServiceKey.tcp(ip("10.0.0.9"), 80);
    private static final RealServer MASQ = RealServer.builder(ip("10.0.1.1"), 8080).masquerade().build();

    private static <T extends IpvsException> T refused(Class<T> type, int errno, String messageStart, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(errno, e.errno(), e.getMessage());
        assertTrue(e.getMessage().startsWith(messageStart), "message: " + e.getMessage());
        return e;
    }

    /** The table each refusal must leave as it was; made by the API (these tests are about the refusals). */
    private static void webWithOneRealServer(KernelNamespace ns) {
        ns.ipvs().addService(VirtualService.builder(WEB).scheduler(Scheduler.RR).build());
        ns.ipvs().addRealServer(WEB, MASQ);
    }

    private static final List<String> WEB_RULES =
            List.of("-A -t 10.0.0.1:80 -s rr", "-a -t 10.0.0.1:80 -r 10.0.1.1:8080 -m -w 1");

    @Test
    void addingAnExistingServiceIsAlreadyExists(KernelNamespace ns) {
        webWithOneRealServer(ns);

        refused(AlreadyExistsException.class, Errno.EEXIST, "add service TCP 10.0.0.1:80: already exists",
                () -> ns.ipvs().addService(VirtualService.builder(WEB).scheduler(Scheduler.WLC).build()));

        assertEquals(WEB_RULES, ns.ipvsadmSave());
    }

    @Test
    void addingAnExistingRealServerIsAlreadyExists(KernelNamespace ns) {
        webWithOneRealServer(ns);

        refused(AlreadyExistsException.class, Errno.EEXIST,
                "add real server 10.0.1.1:8080 to TCP 10.0.0.1:80: already exists",
                () -> ns.ipvs().addRealServer(WEB, MASQ.withWeight(7)));

        assertEquals(WEB_RULES, ns.ipvsadmSave());
    }

    @Test
    void editingAMissingServiceIsNoSuchService(KernelNamespace ns) {
        webWithOneRealServer(ns);

        refused(NoSuchServiceException.class, Errno.ESRCH, "edit service TCP 10.0.0.9:80: no such virtual service",
                () -> ns.ipvs().editService(VirtualService.builder(MISSING).build()));

        assertEquals(WEB_RULES, ns.ipvsadmSave());
    }

    @Test
    void deletingAMissingServiceIsNoSuchService(KernelNamespace ns) {
        webWithOneRealServer(ns);

        refused(NoSuchServiceException.class, Errno.ESRCH, "delete service TCP 10.0.0.9:80: no such virtual service",
                () -> ns.ipvs().deleteService(MISSING));

        assertEquals(WEB_RULES, ns.ipvsadmSave());
    }

    @Test
    void zeroingAMissingServiceIsNoSuchService(KernelNamespace ns) {
        refused(NoSuchServiceException.class, Errno.ESRCH,
                "zero counters of service TCP 10.0.0.9:80: no such virtual service", () -> ns.ipvs().zero(MISSING));
    }

    @Test
    void addingARealServerToAMissingServiceIsNoSuchService(KernelNamespace ns) {
        webWithOneRealServer(ns);

        refused(NoSuchServiceException.class, Errno.ESRCH,
                "add real server 10.0.1.1:8080 to TCP 10.0.0.9:80: no such virtual service",
                () -> ns.ipvs().addRealServer(MISSING, MASQ));

        assertEquals(WEB_RULES, ns.ipvsadmSave());
    }

    @Test
    void deletingARealServerOfAMissingServiceIsNoSuchService(KernelNamespace ns) {
        refused(NoSuchServiceException.class, Errno.ESRCH,
                "delete real server 10.0.1.1:8080 from TCP 10.0.0.9:80: no such virtual service",
                () -> ns.ipvs().deleteRealServer(MISSING, MASQ.key()));
    }

    @Test
    void editingAMissingRealServerIsNoSuchRealServer(KernelNamespace ns) {
        webWithOneRealServer(ns);

        refused(NoSuchRealServerException.class, Errno.ENOENT,
                "edit real server 10.0.1.2:8080 of TCP 10.0.0.1:80: no such real server",
                () -> ns.ipvs().editRealServer(WEB, RealServer.builder(ip("10.0.1.2"), 8080).masquerade().build()));

        assertEquals(WEB_RULES, ns.ipvsadmSave());
    }

    @Test
    void deletingAMissingRealServerIsNoSuchRealServer(KernelNamespace ns) {
        webWithOneRealServer(ns);

        refused(NoSuchRealServerException.class, Errno.ENOENT,
                "delete real server 10.0.1.1:8081 from TCP 10.0.0.1:80: no such real server",
                () -> ns.ipvs().deleteRealServer(WEB, new RealServerAddress(ip("10.0.1.1"), 8081)));

        assertEquals(WEB_RULES, ns.ipvsadmSave());
    }

    @Test
    void missingSchedulerIsSchedulerNotAvailableNamingItsModule(KernelNamespace ns) {
        SchedulerNotAvailableException e = refused(SchedulerNotAvailableException.class, Errno.ENOENT,
                "add service TCP 10.0.0.1:80: scheduler 'nosuch' not available: load kernel module ip_vs_nosuch",
                () -> ns.ipvs().addService(VirtualService.builder(WEB).scheduler("nosuch").build()));

        assertEquals(Scheduler.of("nosuch"), e.scheduler());
        assertEquals(List.of(), ns.ipvsadmSave());
    }

    @Test
    void editToAMissingSchedulerIsSchedulerNotAvailableAndChangesNothing(KernelNamespace ns) {
        webWithOneRealServer(ns);

        refused(SchedulerNotAvailableException.class, Errno.ENOENT,
                "edit service TCP 10.0.0.1:80: scheduler 'nosuch' not available: load kernel module ip_vs_nosuch",
                () -> ns.ipvs().editService(VirtualService.builder(WEB).scheduler("nosuch").build()));

        assertEquals(WEB_RULES, ns.ipvsadmSave());
    }

    @Test
    void missingPersistenceEngineIsPersistenceEngineNotAvailableNamingItsModule(KernelNamespace ns) {
        PersistenceEngineNotAvailableException e = refused(PersistenceEngineNotAvailableException.class, Errno.ENOENT,
                "add service UDP 10.0.0.1:5060: persistence engine 'nosuch' not available: load kernel module ip_vs_pe_nosuch",
                () -> ns.ipvs().addService(VirtualService.builder(ServiceKey.udp(ip("10.0.0.1"), 5060))
                        .scheduler(Scheduler.RR).persistent(Duration.ofSeconds(60)).persistenceEngine("nosuch").build()));

        assertEquals("ip_vs_pe_nosuch", e.moduleName());
        assertEquals(List.of(), ns.ipvsadmSave());
    }

    @Test
    void ipv4RealServerBehindAnIpv6ServiceWithMasqueradingIsInvalidArgument(KernelNamespace ns) {
        ns.ipvs().addService(VirtualService.builder(ServiceKey.tcp(ip("2001:db8::1"), 80)).scheduler(Scheduler.RR).build());

        InvalidArgumentException e = refused(InvalidArgumentException.class, Errno.EINVAL,
                "add real server 10.0.1.1:8080 to TCP [2001:db8::1]:80: ",
                () -> ns.ipvs().addRealServer(ServiceKey.tcp(ip("2001:db8::1"), 80), MASQ));

        assertTrue(e.getMessage().contains("needs TUNNEL forwarding"), e.getMessage());
        assertEquals(List.of("-A -t [2001:db8::1]:80 -s rr"), ns.ipvsadmSave());
    }

    @Test
    void ipv6RealServerBehindAnIpv4ServiceWithDirectRoutingIsInvalidArgument(KernelNamespace ns) {
        ns.ipvs().addService(VirtualService.builder(WEB).scheduler(Scheduler.RR).build());

        InvalidArgumentException e = refused(InvalidArgumentException.class, Errno.EINVAL,
                "add real server [2001:db8::10]:80 to TCP 10.0.0.1:80: ",
                () -> ns.ipvs().addRealServer(WEB, RealServer.builder(ip("2001:db8::10"), 80).directRoute().build()));

        assertTrue(e.getMessage().contains("needs TUNNEL forwarding"), e.getMessage());
        assertEquals(List.of("-A -t 10.0.0.1:80 -s rr"), ns.ipvsadmSave());
    }

    @Test
    void ipv4RealServerWithLoopbackDownIsInvalidArgumentWithTheHint(@LoopbackDown KernelNamespace ns) {
        ns.ipvs().addService(VirtualService.builder(WEB).scheduler(Scheduler.RR).build());

        InvalidArgumentException e = refused(InvalidArgumentException.class, Errno.EINVAL,
                "add real server 10.0.1.1:8080 to TCP 10.0.0.1:80: ", () -> ns.ipvs().addRealServer(WEB, MASQ));

        assertTrue(e.getMessage().contains(IpvsErrors.FRESH_NAMESPACE_HINT), e.getMessage());
        assertTrue(e.getMessage().contains("bring 'lo' up"), e.getMessage());
        assertEquals(List.of("-A -t 10.0.0.1:80 -s rr"), ns.ipvsadmSave());
    }

    @Test
    void theSameRealServerWorksOnceLoopbackIsUp(@LoopbackDown KernelNamespace ns) {
        ns.ipvs().addService(VirtualService.builder(WEB).scheduler(Scheduler.RR).build());
        assertThrows(InvalidArgumentException.class, () -> ns.ipvs().addRealServer(WEB, MASQ));

        ns.setLoopbackUp();
        ns.ipvs().addRealServer(WEB, MASQ);

        assertEquals(WEB_RULES, ns.ipvsadmSave());
    }
}
