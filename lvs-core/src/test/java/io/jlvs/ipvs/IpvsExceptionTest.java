package io.jlvs.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.sys.Errno;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpvsExceptionTest {

    @Test
    void messageHasOperationProblemErrnoNameAndKernelText() {
        var e = new AlreadyExistsException("add service TCP 10.0.0.1:80", Errno.EEXIST, "service exists");
        assertEquals("add service TCP 10.0.0.1:80: already exists (EEXIST): kernel says \"service exists\"",
                e.getMessage());
        assertEquals(Errno.EEXIST, e.errno());
        assertEquals("add service TCP 10.0.0.1:80", e.operation());
        assertEquals(Optional.of("service exists"), e.kernelMessage());
    }

    @Test
    void noKernelTextNoQuote() {
        var e = new NoSuchServiceException("delete service FWM 5", Errno.ESRCH, null);
        assertEquals("delete service FWM 5: no such virtual service (ESRCH)", e.getMessage());
        assertEquals(Optional.empty(), e.kernelMessage());
        assertEquals(Optional.empty(), new NoSuchServiceException("x", Errno.ESRCH, " ").kernelMessage());
    }

    @Test
    void schedulerMissingSaysWhichModuleToLoad() {
        var e = new SchedulerNotAvailableException("add service TCP 10.0.0.1:80", Errno.ENOENT, null, Scheduler.MH);
        assertTrue(e.getMessage().contains("scheduler 'mh' not available: load kernel module ip_vs_mh"), e.getMessage());
        assertEquals(Scheduler.MH, e.scheduler());
    }

    @Test
    void persistenceEngineMissingSaysWhichModuleToLoad() {
        var e = new PersistenceEngineNotAvailableException("add service UDP 10.0.0.1:5060", Errno.ENOENT, null, "sip");
        assertTrue(e.getMessage().contains("persistence engine 'sip' not available: load kernel module ip_vs_pe_sip"),
                e.getMessage());
        assertEquals("ip_vs_pe_sip", e.moduleName());
    }

    @Test
    void kernelExceptionHasErrnoTextAndName() {
        var e = new KernelException("flush all services", Errno.ENOMEM, null);
        assertEquals("flush all services: Cannot allocate memory (ENOMEM)", e.getMessage());
    }

    @Test
    void protocolExceptionHasNoErrno() {
        var e = new ProtocolException("list services", "IPVS_SVC_ATTR_AF missing");
        assertEquals(0, e.errno());
        assertEquals("list services: unexpected reply from the kernel: IPVS_SVC_ATTR_AF missing", e.getMessage());
    }

    @Test
    void notPermittedAndNotAvailableTellWhatToDo() {
        assertTrue(new NotPermittedException("list services", Errno.EPERM, null).getMessage()
                .contains("needs CAP_NET_ADMIN (run as root)"));
        assertTrue(new IpvsNotAvailableException("look up generic netlink family IPVS", Errno.ENOENT, null)
                .getMessage().contains("modprobe ip_vs"));
    }
}
