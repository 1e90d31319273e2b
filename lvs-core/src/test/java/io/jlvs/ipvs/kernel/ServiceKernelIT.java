package io.jlvs.ipvs.kernel;

import static io.jlvs.testing.Inet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Virtual services: what the API writes is what {@code ipvsadm -Sn} reads, and what ipvsadm writes is
 * what the API reads, for every kind of key and every service setting.
 */
@KernelTest
class ServiceKernelIT {
    private static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);

    /** A service as the API writes it, and the rule ipvsadm -Sn prints for it (also what ipvsadm takes to make it). */
    static Stream<Arguments> services() {
        return Stream.of(
                service("TCP IPv4", VirtualService.builder(WEB).scheduler(Scheduler.RR).build(),
                        "-A -t 10.0.0.1:80 -s rr"),
                service("UDP IPv4", VirtualService.builder(ServiceKey.udp(ip("10.0.0.1"), 53)).scheduler(Scheduler.WRR).build(),
                        "-A -u 10.0.0.1:53 -s wrr"),
                service("SCTP IPv4", VirtualService.builder(ServiceKey.sctp(ip("10.0.0.1"), 5000)).scheduler(Scheduler.DH).build(),
                        "-A --sctp-service 10.0.0.1:5000 -s dh"),
                service("TCP IPv6", VirtualService.builder(ServiceKey.tcp(ip("2001:db8::1"), 443)).build(),
                        "-A -t [2001:db8::1]:443 -s wlc"),
                service("UDP IPv6", VirtualService.builder(ServiceKey.udp(ip("2001:db8::1"), 53)).scheduler(Scheduler.LC).build(),
                        "-A -u [2001:db8::1]:53 -s lc"),
                service("SCTP IPv6", VirtualService.builder(ServiceKey.sctp(ip("2001:db8::1"), 5000)).scheduler(Scheduler.SED).build(),
                        "-A --sctp-service [2001:db8::1]:5000 -s sed"),
                service("port 0, persistent", VirtualService.builder(ServiceKey.tcp(ip("10.0.0.1"), 0)).scheduler(Scheduler.RR)
                                .persistent().build(),
                        "-A -t 10.0.0.1:0 -s rr -p 300"),
                service("fwmark IPv4", VirtualService.builder(ServiceKey.fwmark(5, AddressFamily.INET)).scheduler(Scheduler.LC).build(),
                        "-A -f 5 -s lc"),
                service("fwmark IPv6", VirtualService.builder(ServiceKey.fwmark(6, AddressFamily.INET6)).scheduler(Scheduler.LC).build(),
                        "-A -f 6 -6 -s lc"),
                service("persistent, default netmask", VirtualService.builder(WEB).scheduler(Scheduler.RR).persistent().build(),
                        "-A -t 10.0.0.1:80 -s rr -p 300"),
                service("persistent IPv4 /24", VirtualService.builder(WEB).scheduler(Scheduler.RR)
                                .persistent(Duration.ofSeconds(600), 24).build(),
                        "-A -t 10.0.0.1:80 -s rr -p 600 -M 255.255.255.0"),
                service("persistent IPv4 /0", VirtualService.builder(WEB).scheduler(Scheduler.RR)
                                .persistent(Duration.ofSeconds(60), 0).build(),
                        "-A -t 10.0.0.1:80 -s rr -p 60 -M 0.0.0.0"),
                service("persistent IPv6 /64", VirtualService.builder(ServiceKey.tcp(ip("2001:db8::1"), 80)).scheduler(Scheduler.RR)
                                .persistent(Duration.ofSeconds(600), 64).build(),
                        "-A -t [2001:db8::1]:80 -s rr -p 600 -M 64"),
                service("persistent IPv6 /128", VirtualService.builder(ServiceKey.tcp(ip("2001:db8::1"), 80)).scheduler(Scheduler.RR)
                                .persistent(Duration.ofSeconds(30)).build(),
                        "-A -t [2001:db8::1]:80 -s rr -p 30"),
                service("persistent fwmark /16", VirtualService.builder(ServiceKey.fwmark(7, AddressFamily.INET))
                                .scheduler(Scheduler.WLC).persistent(Duration.ofSeconds(120), 16).build(),
                        "-A -f 7 -s wlc -p 120 -M 255.255.0.0"),
                service("one-packet scheduling", VirtualService.builder(ServiceKey.udp(ip("10.0.0.3"), 53)).scheduler(Scheduler.RR)
                                .onePacket(true).build(),
                        "-A -u 10.0.0.3:53 -s rr -o"),
                service("persistence engine sip", VirtualService.builder(ServiceKey.udp(ip("10.0.0.2"), 5060)).scheduler(Scheduler.RR)
                                .persistent(Duration.ofSeconds(60)).persistenceEngine("sip").build(),
                        "-A -u 10.0.0.2:5060 -s rr -p 60 --pe sip"),
                service("persistent, one-packet", VirtualService.builder(ServiceKey.udp(ip("10.0.0.4"), 53)).scheduler(Scheduler.RR)
                                .persistent(Duration.ofSeconds(90), 24).onePacket(true).build(),
                        "-A -u 10.0.0.4:53 -s rr -p 90 -M 255.255.255.0 -o"));
    }

    private static Arguments service(String name, VirtualService service, String rule) {
        return arguments(Named.of(name, service), rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void serviceAddedByTheApiIsWhatIpvsadmSaves(VirtualService service, String rule, KernelNamespace ns) {
        ns.ipvs().addService(service);

        assertEquals(List.of(rule), ns.ipvsadmSave());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void serviceAddedByIpvsadmIsWhatTheApiReads(VirtualService service, String rule, KernelNamespace ns) {
        ns.ipvsadm(rule.split(" "));

        assertEquals(List.of(new ServiceEntry(service, Stats.ZERO)), ns.ipvs().services());
    }

    /** One service of each kind of key. */
    static Stream<Arguments> keys() {
        return services().filter(a -> Set.of("TCP IPv4", "UDP IPv4", "SCTP IPv4", "TCP IPv6", "UDP IPv6", "SCTP IPv6",
                "fwmark IPv4", "fwmark IPv6").contains(((Named<?>) a.get()[0]).getName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void serviceIsGotByItsKey(VirtualService service, String rule, KernelNamespace ns) {
        ns.ipvsadm(rule.split(" "));

        assertEquals(Optional.of(new ServiceEntry(service, Stats.ZERO)), ns.ipvs().service(service.key()));
    }

    @Test
    void fwmarkAboveTwoToThe31IsWrittenUnsigned(KernelNamespace ns) {
        ns.ipvs().addService(VirtualService.builder(ServiceKey.fwmark(0xFFFF_FFF0, AddressFamily.INET))
                .scheduler(Scheduler.RR).build());

        // ipvsadm 1.31 takes marks as unsigned but prints them with %d: 4294967280 shows as -16.
        assertEquals(List.of("-A -f -16 -s rr"), ns.ipvsadmSave());
        assertTrue(ns.ipvsadmResult("-L", "-n", "-f", "4294967280").succeeded(), "ipvsadm finds mark 4294967280");
    }

    @Test
    void fwmarkAboveTwoToThe31IsReadUnsigned(KernelNamespace ns) {
        ns.ipvsadm("-A", "-f", "4294967280", "-6", "-s", "rr");

        ServiceKey.Fwmark key = (ServiceKey.Fwmark) ns.ipvs().services().get(0).key();

        assertEquals(ServiceKey.fwmark(0xFFFF_FFF0, AddressFamily.INET6), key);
        assertEquals(4294967280L, key.unsignedMark());
    }

    @Test
    void missingServiceIsEmpty(KernelNamespace ns) {
        ns.ipvsadm("-A", "-t", "10.0.0.1:80");

        assertEquals(Optional.empty(), ns.ipvs().service(ServiceKey.tcp(ip("10.0.0.1"), 81)));
        assertEquals(Optional.empty(), ns.ipvs().service(ServiceKey.udp(ip("10.0.0.1"), 80)));
        assertEquals(Optional.empty(), ns.ipvs().service(ServiceKey.fwmark(80, AddressFamily.INET)));
    }

    @Test
    void listIsEveryServiceOfTheNamespace(KernelNamespace ns) {
        List<VirtualService> added = services().map(a -> (VirtualService) ((Named<?>) a.get()[0]).getPayload())
                .collect(Collectors.toMap(VirtualService::key, s -> s, (a, b) -> a)).values().stream().toList();
        added.forEach(ns.ipvs()::addService);

        List<ServiceEntry> listed = ns.ipvs().services();

        assertEquals(Set.copyOf(added), listed.stream().map(ServiceEntry::service).collect(Collectors.toSet()));
        assertEquals(added.size(), listed.size());
        assertEquals(added.size(), ns.ipvsadmSave().size());
    }

    @Test
    void editChangesSchedulerAndPersistence(KernelNamespace ns) {
        ns.ipvsadm("-A", "-t", "10.0.0.1:80", "-s", "rr");

        ns.ipvs().editService(VirtualService.builder(WEB).scheduler(Scheduler.WLC)
                .persistent(Duration.ofSeconds(900), 24).build());

        assertEquals(List.of("-A -t 10.0.0.1:80 -s wlc -p 900 -M 255.255.255.0"), ns.ipvsadmSave());
    }

    @Test
    void editRemovesPersistenceAndOnePacket(KernelNamespace ns) {
        ns.ipvsadm("-A", "-u", "10.0.0.1:53", "-s", "rr", "-p", "60", "-o");

        ns.ipvs().editService(VirtualService.builder(ServiceKey.udp(ip("10.0.0.1"), 53)).scheduler(Scheduler.RR).build());

        assertEquals(List.of("-A -u 10.0.0.1:53 -s rr"), ns.ipvsadmSave());
    }

    @Test
    void editWithoutAnEngineRemovesThePersistenceEngine(KernelNamespace ns) {
        ns.ipvsadm("-A", "-u", "10.0.0.2:5060", "-s", "rr", "-p", "60", "--pe", "sip");

        ns.ipvs().editService(VirtualService.builder(ServiceKey.udp(ip("10.0.0.2"), 5060)).scheduler(Scheduler.RR)
                .persistent(Duration.ofSeconds(60)).build());

        assertEquals(List.of("-A -u 10.0.0.2:5060 -s rr -p 60"), ns.ipvsadmSave());
    }

    @Test
    void editKeepsTheRealServers(KernelNamespace ns) {
        ns.ipvsadm("-A", "-t", "10.0.0.1:80", "-s", "rr");
        ns.ipvsadm("-a", "-t", "10.0.0.1:80", "-r", "10.0.1.1:80", "-m", "-w", "3");

        ns.ipvs().editService(VirtualService.builder(WEB).scheduler(Scheduler.WRR).build());

        assertEquals(List.of("-A -t 10.0.0.1:80 -s wrr", "-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 3"), ns.ipvsadmSave());
    }

    @Test
    void deleteRemovesOnlyThatService(KernelNamespace ns) {
        ns.ipvsadm("-A", "-t", "10.0.0.1:80", "-s", "rr");
        ns.ipvsadm("-a", "-t", "10.0.0.1:80", "-r", "10.0.1.1:80", "-m");
        ns.ipvsadm("-A", "-f", "6", "-6", "-s", "rr");
        ns.ipvsadm("-A", "-f", "6", "-s", "rr");

        ns.ipvs().deleteService(WEB);
        ns.ipvs().deleteService(ServiceKey.fwmark(6, AddressFamily.INET6));

        assertEquals(List.of("-A -f 6 -s rr"), ns.ipvsadmSave());
        assertEquals(Optional.empty(), ns.ipvs().service(WEB));
    }

    @Test
    void flushDeletesEveryService(KernelNamespace ns) {
        ns.ipvsadm("-A", "-t", "10.0.0.1:80", "-s", "rr");
        ns.ipvsadm("-a", "-t", "10.0.0.1:80", "-r", "10.0.1.1:80", "-m");
        ns.ipvsadm("-A", "-u", "[2001:db8::1]:53", "-s", "rr");
        ns.ipvsadm("-A", "-f", "6", "-s", "rr");

        ns.ipvs().flush();

        assertEquals(List.of(), ns.ipvsadmSave());
        assertTrue(ns.ipvs().services().isEmpty());
    }

    @Test
    void flushOfAnEmptyTableSucceeds(KernelNamespace ns) {
        ns.ipvs().flush();

        assertEquals(List.of(), ns.ipvsadmSave());
    }
}
