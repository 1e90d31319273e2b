package io.jlvs.ipvs.kernel;

import static io.jlvs.testing.Inet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** IPVS tables are per network namespace, and a client sees only the one its socket was opened in. */
@KernelTest
class NamespaceKernelIT {
    private static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);

    @Test
    void clientOfOneNamespaceDoesNotSeeAnothersServices(KernelNamespace a, KernelNamespace b) {
        b.ipvs().addService(VirtualService.builder(WEB).scheduler(Scheduler.RR).build());

        assertEquals(List.of(), a.ipvs().services());
        assertEquals(Optional.empty(), a.ipvs().service(WEB));
        assertEquals(List.of(), a.ipvsadmSave());
        assertEquals(List.of("-A -t 10.0.0.1:80 -s rr"), b.ipvsadmSave());
    }

    @Test
    void sameServiceKeyInTwoNamespacesIsTwoServices(KernelNamespace a, KernelNamespace b) {
        a.ipvs().addService(VirtualService.builder(WEB).scheduler(Scheduler.RR).build());
        b.ipvs().addService(VirtualService.builder(WEB).scheduler(Scheduler.WRR).build());
        a.ipvs().addRealServer(WEB, RealServer.builder(ip("10.0.1.1"), 80).masquerade().build());

        assertEquals(List.of("-A -t 10.0.0.1:80 -s rr", "-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1"), a.ipvsadmSave());
        assertEquals(List.of("-A -t 10.0.0.1:80 -s wrr"), b.ipvsadmSave());
    }

    @Test
    void flushOfOneNamespaceLeavesAnotherAlone(KernelNamespace a, KernelNamespace b) {
        a.ipvsadm("-A", "-t", "10.0.0.1:80", "-s", "rr");
        b.ipvsadm("-A", "-t", "10.0.0.1:80", "-s", "rr");

        a.ipvs().flush();

        assertEquals(List.of(), a.ipvsadmSave());
        assertEquals(List.of("-A -t 10.0.0.1:80 -s rr"), b.ipvsadmSave());
    }

    @Test
    void twoClientsOnOneNamespaceShareItsTable(KernelNamespace ns) {
        IpvsClient second = ns.openClient();

        ns.ipvs().addService(VirtualService.builder(WEB).scheduler(Scheduler.RR).build());

        assertEquals(List.of(WEB), second.services().stream().map(ServiceEntry::key).toList());
    }

    @Test
    void clientOnTheCallersNamespaceIsNotTheTestNamespace(KernelNamespace ns) {
        // The guest's own namespace: whatever it holds, it is not what this test's namespace holds.
        ns.ipvs().addService(VirtualService.builder(ServiceKey.fwmark(0x7e57, AddressFamily.INET)).build());
        try (IpvsClient here = IpvsClient.open()) {
            assertEquals(Optional.empty(), here.service(ServiceKey.fwmark(0x7e57, AddressFamily.INET)));
        }
    }
}
