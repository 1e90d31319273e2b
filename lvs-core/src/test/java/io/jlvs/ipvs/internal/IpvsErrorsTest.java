package io.jlvs.ipvs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.AddressFamilyNotSupportedException;
import io.jlvs.ipvs.AlreadyExistsException;
import io.jlvs.ipvs.InvalidArgumentException;
import io.jlvs.ipvs.IpvsException;
import io.jlvs.ipvs.IpvsNotAvailableException;
import io.jlvs.ipvs.KernelException;
import io.jlvs.ipvs.NoSuchRealServerException;
import io.jlvs.ipvs.NoSuchServiceException;
import io.jlvs.ipvs.NotPermittedException;
import io.jlvs.ipvs.PersistenceEngineNotAvailableException;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerNotAvailableException;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.ipvs.internal.IpvsErrors.OperationKind;
import io.jlvs.sys.Errno;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IpvsErrorsTest {
    private static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);
    private static final ServiceKey WEB6 = ServiceKey.tcp(ip("2001:db8::1"), 80);
    private static final RealServer WEB_1 = RealServer.builder(ip("10.0.0.2"), 80).build();

    // ---- operation words ---------------------------------------------------------------------------

    @Test
    void operationsReadInOperatorWords() {
        assertEquals("add service TCP 10.0.0.1:80", OperationKind.ADD_SERVICE.describe(WEB));
        assertEquals("add real server 10.0.0.2:80 to TCP 10.0.0.1:80",
                OperationKind.ADD_REAL_SERVER.describe(WEB, WEB_1.key()));
        assertEquals("edit real server 10.0.0.2:80 of TCP 10.0.0.1:80",
                OperationKind.EDIT_REAL_SERVER.describe(WEB, WEB_1.key()));
        assertEquals("delete real server 10.0.0.2:80 from TCP 10.0.0.1:80",
                OperationKind.DELETE_REAL_SERVER.describe(WEB, WEB_1.key()));
        assertEquals("start master sync daemon on eth0", OperationKind.START_DAEMON.describe(SyncDaemon.State.MASTER, "eth0"));
        assertEquals("stop backup sync daemon", OperationKind.STOP_DAEMON.describe(SyncDaemon.State.BACKUP));
        assertEquals("flush all services", OperationKind.FLUSH.describe());
        assertEquals("look up generic netlink family IPVS", OperationKind.FAMILY_LOOKUP.describe());
    }

    @Test
    void describeChecksItsSubjects() {
        assertThrows(IllegalArgumentException.class, () -> OperationKind.ADD_REAL_SERVER.describe(WEB));
    }

    // ---- errno mapping -----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(OperationKind.class)
    void epermAndEaccesMeanNotPermittedForEveryOperation(OperationKind kind) {
        assertInstanceOf(NotPermittedException.class, IpvsErrors.fromErrno("op", kind, Errno.EPERM, null));
        assertInstanceOf(NotPermittedException.class, IpvsErrors.fromErrno("op", kind, Errno.EACCES, null));
        assertInstanceOf(AddressFamilyNotSupportedException.class,
                IpvsErrors.fromErrno("op", kind, Errno.EAFNOSUPPORT, null));
    }

    @Test
    void familyNotFoundMeansIpvsNotAvailable() {
        IpvsException e = map(OperationKind.FAMILY_LOOKUP, Errno.ENOENT, OperationKind.FAMILY_LOOKUP.describe());
        assertInstanceOf(IpvsNotAvailableException.class, e);
        assertTrue(e.getMessage().contains("modprobe ip_vs"), e.getMessage());
    }

    @Test
    void eexistOnAddMeansAlreadyExistsNamingTheObject() {
        IpvsException s = map(OperationKind.ADD_SERVICE, Errno.EEXIST, OperationKind.ADD_SERVICE.describe(WEB));
        assertInstanceOf(AlreadyExistsException.class, s);
        assertTrue(s.getMessage().contains("TCP 10.0.0.1:80"), s.getMessage());
        IpvsException d = map(OperationKind.ADD_REAL_SERVER, Errno.EEXIST,
                OperationKind.ADD_REAL_SERVER.describe(WEB, WEB_1.key()));
        assertInstanceOf(AlreadyExistsException.class, d);
        assertTrue(d.getMessage().contains("10.0.0.2:80"), d.getMessage());
        assertInstanceOf(AlreadyExistsException.class, map(OperationKind.START_DAEMON, Errno.EEXIST, "start"));
    }

    @Test
    void esrchOnServiceOperationsMeansNoSuchService() {
        for (OperationKind kind : new OperationKind[] {OperationKind.EDIT_SERVICE, OperationKind.DELETE_SERVICE,
                OperationKind.GET_SERVICE, OperationKind.ZERO_SERVICE}) {
            IpvsException e = map(kind, Errno.ESRCH, kind.describe(WEB));
            assertInstanceOf(NoSuchServiceException.class, e, kind.name());
            assertTrue(e.getMessage().contains("TCP 10.0.0.1:80"), e.getMessage());
        }
    }

    @Test
    void esrchOnRealServerOperationsMeansTheServiceIsMissing() {
        for (OperationKind kind : new OperationKind[] {OperationKind.ADD_REAL_SERVER, OperationKind.EDIT_REAL_SERVER,
                OperationKind.DELETE_REAL_SERVER}) {
            IpvsException e = IpvsErrors.fromErrno(kind.describe(WEB, WEB_1.key()), kind, Errno.ESRCH, null, WEB, WEB_1);
            assertInstanceOf(NoSuchServiceException.class, e, kind.name());
            assertTrue(e.getMessage().contains("TCP 10.0.0.1:80"), e.getMessage());
        }
    }

    @Test
    void enoentOnEditOrDeleteRealServerMeansNoSuchRealServer() {
        for (OperationKind kind : new OperationKind[] {OperationKind.EDIT_REAL_SERVER, OperationKind.DELETE_REAL_SERVER}) {
            IpvsException e = IpvsErrors.fromErrno(kind.describe(WEB, WEB_1.key()), kind, Errno.ENOENT, null, WEB, WEB_1);
            assertInstanceOf(NoSuchRealServerException.class, e, kind.name());
            assertTrue(e.getMessage().contains("10.0.0.2:80"), e.getMessage());
        }
    }

    @Test
    void enoentOnAddServiceMeansSchedulerModuleMissing() {
        VirtualService mh = VirtualService.builder(WEB).scheduler(Scheduler.MH).build();
        IpvsException e = IpvsErrors.fromErrno(OperationKind.ADD_SERVICE.describe(WEB), OperationKind.ADD_SERVICE,
                Errno.ENOENT, null, mh);
        assertInstanceOf(SchedulerNotAvailableException.class, e);
        assertTrue(e.getMessage().contains("scheduler 'mh' not available: load kernel module ip_vs_mh"), e.getMessage());
        assertTrue(e.getMessage().startsWith("add service TCP 10.0.0.1:80: "), e.getMessage());
    }

    @Test
    void enoentOnEditServiceAlsoMeansSchedulerModuleMissing() {
        VirtualService twos = VirtualService.builder(WEB).scheduler(Scheduler.TWOS).build();
        assertInstanceOf(SchedulerNotAvailableException.class, IpvsErrors.fromErrno("edit", OperationKind.EDIT_SERVICE,
                -Errno.ENOENT, null, twos));
    }

    @Test
    void enoentWithAnEngineAndAClassicSchedulerBlamesTheEngine() {
        VirtualService sip = VirtualService.builder(ServiceKey.udp(ip("10.0.0.1"), 5060)).scheduler(Scheduler.RR)
                .persistent().persistenceEngine("sip").build();
        IpvsException e = IpvsErrors.fromErrno("add", OperationKind.ADD_SERVICE, Errno.ENOENT, null, sip);
        assertInstanceOf(PersistenceEngineNotAvailableException.class, e);
        assertTrue(e.getMessage().contains("ip_vs_pe_sip") && e.getMessage().contains("ip_vs_rr"), e.getMessage());
    }

    @Test
    void enoentWithAnEngineAndANewerSchedulerBlamesTheSchedulerNamingBoth() {
        VirtualService sip = VirtualService.builder(ServiceKey.udp(ip("10.0.0.1"), 5060)).scheduler(Scheduler.MH)
                .persistent().persistenceEngine("sip").build();
        IpvsException e = IpvsErrors.fromErrno("add", OperationKind.ADD_SERVICE, Errno.ENOENT, null, sip);
        assertInstanceOf(SchedulerNotAvailableException.class, e);
        assertTrue(e.getMessage().contains("ip_vs_mh") && e.getMessage().contains("ip_vs_pe_sip"), e.getMessage());
    }

    @Test
    void enoentWithAnEngineAndNoSchedulerBlamesTheEngine() {
        VirtualService sip = VirtualService.builder(ServiceKey.udp(ip("10.0.0.1"), 5060)).scheduler(Scheduler.NONE)
                .persistent().persistenceEngine("sip").build();
        assertInstanceOf(PersistenceEngineNotAvailableException.class,
                IpvsErrors.fromErrno("add", OperationKind.ADD_SERVICE, Errno.ENOENT, null, sip));
    }

    @Test
    void einvalOnAddRealServerHintsAtTheFreshNamespacePitfall() {
        IpvsException e = IpvsErrors.fromErrno(OperationKind.ADD_REAL_SERVER.describe(WEB, WEB_1.key()),
                OperationKind.ADD_REAL_SERVER, Errno.EINVAL, null, WEB, WEB_1);
        assertInstanceOf(InvalidArgumentException.class, e);
        assertTrue(e.getMessage().contains("address not unicast or loopback down"), e.getMessage());
        assertTrue(e.getMessage().contains("bring 'lo' up first"), e.getMessage());
        assertTrue(e.getMessage().contains("10.0.0.2:80"), e.getMessage());
    }

    @Test
    void einvalForAMixedFamilyRealServerWithoutTunnelSaysSo() {
        IpvsException e = IpvsErrors.fromErrno("add", OperationKind.ADD_REAL_SERVER, Errno.EINVAL, null, WEB6, WEB_1);
        assertInstanceOf(InvalidArgumentException.class, e);
        assertTrue(e.getMessage().contains("needs TUNNEL forwarding"), e.getMessage());
        RealServer tunnelled = WEB_1.toBuilder().tunnel(TunnelOptions.IPIP).build();
        IpvsException t = IpvsErrors.fromErrno("add", OperationKind.ADD_REAL_SERVER, Errno.EINVAL, null, WEB6, tunnelled);
        assertTrue(t.getMessage().contains("sync daemon"), t.getMessage());
    }

    @Test
    void erangeOnRealServerNamesWeightAndThresholds() {
        IpvsException e = IpvsErrors.fromErrno("edit", OperationKind.EDIT_REAL_SERVER, Errno.ERANGE, null, WEB, WEB_1);
        assertInstanceOf(InvalidArgumentException.class, e);
        assertTrue(e.getMessage().contains("weight") && e.getMessage().contains("(ERANGE)"), e.getMessage());
    }

    @Test
    void extackTextIsKeptInTheMessage() {
        IpvsException e = map(OperationKind.ADD_SERVICE, Errno.EINVAL, "add service TCP 10.0.0.1:80", "missing attribute");
        assertInstanceOf(InvalidArgumentException.class, e);
        assertTrue(e.getMessage().endsWith("kernel says \"missing attribute\""), e.getMessage());
        assertEquals("missing attribute", e.kernelMessage().orElseThrow());
    }

    @Test
    void einvalOnAnIpv6ServiceHintsAtThePrefixLength() {
        VirtualService v6 = VirtualService.builder(WEB6).build();
        IpvsException e = IpvsErrors.fromErrno("add", OperationKind.ADD_SERVICE, Errno.EINVAL, null, v6);
        assertTrue(e.getMessage().contains("1..128"), e.getMessage());
    }

    @Test
    void enodevOnStartDaemonNamesTheInterface() {
        SyncDaemon d = SyncDaemon.master("eth9", 1);
        IpvsException e = IpvsErrors.fromErrno(OperationKind.START_DAEMON.describe(d.state(), d.interfaceName()),
                OperationKind.START_DAEMON, Errno.ENODEV, null, d);
        assertInstanceOf(InvalidArgumentException.class, e);
        assertTrue(e.getMessage().contains("no network interface named 'eth9'"), e.getMessage());
    }

    @Test
    void esrchOnStopDaemonIsAKernelExceptionNotNoSuchService() {
        IpvsException e = map(OperationKind.STOP_DAEMON, Errno.ESRCH, "stop master sync daemon");
        assertInstanceOf(KernelException.class, e);
        assertTrue(e.getMessage().contains("no sync daemon runs"), e.getMessage());
    }

    @Test
    void einvalOnSetTimeoutsHintsAtTheLimit() {
        IpvsException e = map(OperationKind.SET_TIMEOUTS, Errno.EINVAL, "set timeouts");
        assertInstanceOf(InvalidArgumentException.class, e);
        assertTrue(e.getMessage().contains("INT_MAX / HZ"), e.getMessage());
    }

    @Test
    void otherErrnosAreKernelExceptionsWithNameAndText() {
        IpvsException e = map(OperationKind.FLUSH, Errno.ENOMEM, "flush all services");
        assertInstanceOf(KernelException.class, e);
        assertEquals("flush all services: Cannot allocate memory (ENOMEM)", e.getMessage());
        assertEquals(Errno.ENOMEM, e.errno());
    }

    @Test
    void negativeErrnoIsAcceptedAndZeroIsNot() {
        assertEquals(Errno.EEXIST, map(OperationKind.ADD_SERVICE, -Errno.EEXIST, "add").errno());
        assertThrows(IllegalArgumentException.class, () -> map(OperationKind.ADD_SERVICE, 0, "add"));
    }

    @Test
    void enoentWithoutContextOnAddServiceIsStillExplained() {
        IpvsException e = map(OperationKind.ADD_SERVICE, Errno.ENOENT, "add");
        assertInstanceOf(KernelException.class, e);
        assertTrue(e.getMessage().contains("module"), e.getMessage());
    }

    @Test
    void ipv6ServiceKeyFamilyIsUsed() {
        assertEquals(AddressFamily.INET6, WEB6.family());
    }

    private static IpvsException map(OperationKind kind, int errno, String op) {
        return map(kind, errno, op, null);
    }

    private static IpvsException map(OperationKind kind, int errno, String op, String extack) {
        return IpvsErrors.fromErrno(op, kind, errno, extack);
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
