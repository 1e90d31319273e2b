package io.jlvs.director;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.Batch;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.Operation;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Given a desired and a live table, the plan is exactly these steps in this order. */
class ReconcilerPlanTest {

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);
    static final ServiceKey DNS = ServiceKey.udp(ip("10.0.0.1"), 53);

    static VirtualService svc(ServiceKey key, String scheduler) {
        return VirtualService.builder(key).scheduler(scheduler).build();
    }

    static RealServer rs(String address, int port, int weight) {
        return RealServer.builder(ip(address), port).masquerade().weight(weight).build();
    }

    static TableService service(VirtualService s, RealServer... servers) {
        return TableService.of(s, List.of(servers));
    }

    static DesiredTable desired(TableService... services) {
        return DesiredTable.of(List.of(services));
    }

    /** A live table as the kernel reports it, counters and all. */
    static LiveTable live(TableService... services) {
        Map<ServiceKey, List<RealServerEntry>> servers = new LinkedHashMap<>();
        List<ServiceEntry> entries = new java.util.ArrayList<>();
        for (TableService s : services) {
            entries.add(new ServiceEntry(s.service(), stats(7)));
            servers.put(s.key(), s.realServers().values().stream()
                    .map(r -> new RealServerEntry(r, 3, 4, 1, stats(9))).toList());
        }
        return LiveTable.of(entries, servers);
    }

    static Stats stats(long n) {
        return new Stats(n, n, n, n, n, n, n, n, n, n);
    }

    static List<String> lines(Plan plan) {
        return plan.lines();
    }

    @Test
    void anEmptyKernelGetsEachServiceBeforeItsRealServers() {
        Plan plan = Reconciler.plan(desired(
                service(svc(WEB, "wlc"), rs("10.0.1.1", 80, 1), rs("10.0.1.2", 80, 2)),
                service(svc(DNS, "rr"), rs("10.0.1.1", 53, 1))), LiveTable.empty());
        assertEquals(List.of(
                "+ service TCP 10.0.0.1:80 wlc",
                "+ real server TCP 10.0.0.1:80 -> 10.0.1.1:80 Masq weight 1",
                "+ real server TCP 10.0.0.1:80 -> 10.0.1.2:80 Masq weight 2",
                "+ service UDP 10.0.0.1:53 rr",
                "+ real server UDP 10.0.0.1:53 -> 10.0.1.1:53 Masq weight 1"), lines(plan));
        Batch batch = plan.toBatch();
        assertEquals(5, batch.size());
        assertEquals(new Operation.AddService(svc(WEB, "wlc")), batch.operations().get(0));
        assertEquals(new Operation.AddRealServer(WEB, rs("10.0.1.1", 80, 1)), batch.operations().get(1));
    }

    @Test
    void aServiceNeitherDesiredNorOwnedIsLeftAloneAndListed() {
        ServiceKey mine = ServiceKey.tcp(ip("10.0.0.2"), 80);
        Plan plan = Reconciler.plan(desired(service(svc(WEB, "wlc"), rs("10.0.1.1", 80, 1))),
                live(service(svc(DNS, "rr"), rs("10.0.1.1", 53, 1)), service(svc(mine, "rr"), rs("10.0.1.1", 80, 1))),
                key -> key.equals(mine));
        assertEquals(List.of(
                "- real server TCP 10.0.0.2:80 -> 10.0.1.1:80 Masq weight 1",
                "- service TCP 10.0.0.2:80 rr",
                "+ service TCP 10.0.0.1:80 wlc",
                "+ real server TCP 10.0.0.1:80 -> 10.0.1.1:80 Masq weight 1"), lines(plan));
        assertEquals(List.of(DNS), plan.leftAlone());
        assertEquals(List.of("left alone: UDP 10.0.0.1:53 (not created by jlvsd; manage_whole_table = 1 manages it)"),
                plan.leftAloneLines());
    }

    @Test
    void aDesiredServiceIsManagedEvenWhenNotOwned() {
        Plan plan = Reconciler.plan(desired(service(svc(WEB, "wlc"), rs("10.0.1.1", 80, 2))),
                live(service(svc(WEB, "rr"), rs("10.0.1.1", 80, 1))), key -> false);
        assertEquals(2, plan.size());
        assertTrue(plan.leftAlone().isEmpty());
    }

    @Test
    void aTableInSyncGivesAnEmptyPlanWhateverTheCounters() {
        TableService web = service(svc(WEB, "wlc"), rs("10.0.1.1", 80, 1));
        Plan plan = Reconciler.plan(desired(web), live(web));
        assertTrue(plan.isEmpty());
        assertEquals("no changes", plan.toString());
        assertTrue(plan.toBatch().isEmpty());
    }

    @Test
    void aWeightChangeIsOneEditInPlace() {
        Plan plan = Reconciler.plan(
                desired(service(svc(WEB, "wlc"), rs("10.0.1.1", 80, 1), rs("10.0.1.2", 80, 0))),
                live(service(svc(WEB, "wlc"), rs("10.0.1.1", 80, 1), rs("10.0.1.2", 80, 5))));
        assertEquals(List.of("~ real server TCP 10.0.0.1:80 -> 10.0.1.2:80 weight 5 -> 0"), lines(plan));
        assertEquals(List.of(new Operation.EditRealServer(WEB, rs("10.0.1.2", 80, 0))), plan.toBatch().operations());
    }

    @Test
    void aServiceSettingChangeIsAnEditNeverDeleteAndAdd() {
        VirtualService persistent = VirtualService.builder(WEB).scheduler("rr").persistent(Duration.ofSeconds(60), 24).build();
        Plan plan = Reconciler.plan(desired(service(persistent, rs("10.0.1.1", 80, 1))),
                live(service(svc(WEB, "wlc"), rs("10.0.1.1", 80, 1))));
        assertEquals(List.of("~ service TCP 10.0.0.1:80 scheduler wlc -> rr, persistence none -> 60s/24"), lines(plan));
        assertEquals(List.of(new Operation.EditService(persistent)), plan.toBatch().operations());
    }

    @Test
    void forwardingAndThresholdsAreEditedInPlace() {
        RealServer dr = RealServer.builder(ip("10.0.1.1"), 80).directRoute().weight(1).upperThreshold(100).build();
        Plan plan = Reconciler.plan(desired(service(svc(WEB, "wlc"), dr)),
                live(service(svc(WEB, "wlc"), rs("10.0.1.1", 80, 1))));
        assertEquals(List.of("~ real server TCP 10.0.0.1:80 -> 10.0.1.1:80 forwarding masq -> route, upper threshold 0 -> 100"),
                lines(plan));
    }

    @Test
    void aChangedServiceKeyIsDeleteThenAddWithDeletionsFirst() {
        ServiceKey web8080 = ServiceKey.tcp(ip("10.0.0.1"), 8080);
        Plan plan = Reconciler.plan(desired(service(svc(web8080, "wlc"), rs("10.0.1.1", 8080, 1))),
                live(service(svc(WEB, "wlc"), rs("10.0.1.1", 80, 1), rs("10.0.1.2", 80, 1))));
        assertEquals(List.of(
                "- real server TCP 10.0.0.1:80 -> 10.0.1.1:80 Masq weight 1",
                "- real server TCP 10.0.0.1:80 -> 10.0.1.2:80 Masq weight 1",
                "- service TCP 10.0.0.1:80 wlc",
                "+ service TCP 10.0.0.1:8080 wlc",
                "+ real server TCP 10.0.0.1:8080 -> 10.0.1.1:8080 Masq weight 1"), lines(plan));
        assertEquals(new Operation.DeleteRealServer(WEB, new RealServerAddress(ip("10.0.1.1"), 80)),
                plan.toBatch().operations().get(0));
        assertEquals(new Operation.DeleteService(WEB), plan.toBatch().operations().get(2));
    }

    @Test
    void aChangedRealServerPortIsDeleteThenAdd() {
        Plan plan = Reconciler.plan(desired(service(svc(WEB, "wlc"), rs("10.0.1.1", 8080, 1))),
                live(service(svc(WEB, "wlc"), rs("10.0.1.1", 80, 1))));
        assertEquals(List.of(
                "- real server TCP 10.0.0.1:80 -> 10.0.1.1:80 Masq weight 1",
                "+ real server TCP 10.0.0.1:80 -> 10.0.1.1:8080 Masq weight 1"), lines(plan));
    }

    @Test
    void servicesTheConfigurationDoesNotKnowAreRemoved() {
        Plan plan = Reconciler.plan(desired(), live(service(svc(DNS, "rr"), rs("10.0.1.1", 53, 1))));
        assertEquals(List.of("- real server UDP 10.0.0.1:53 -> 10.0.1.1:53 Masq weight 1",
                "- service UDP 10.0.0.1:53 rr"), lines(plan));
    }

    @Test
    void mixedChangesKeepTheSafeOrder() {
        Plan plan = Reconciler.plan(
                desired(service(svc(WEB, "rr"), rs("10.0.1.1", 80, 3), rs("10.0.1.3", 80, 1))),
                live(service(svc(WEB, "wlc"), rs("10.0.1.1", 80, 1), rs("10.0.1.2", 80, 1)),
                        service(svc(DNS, "rr"))));
        assertEquals(List.of(
                "- real server TCP 10.0.0.1:80 -> 10.0.1.2:80 Masq weight 1",
                "- service UDP 10.0.0.1:53 rr",
                "~ service TCP 10.0.0.1:80 scheduler wlc -> rr",
                "~ real server TCP 10.0.0.1:80 -> 10.0.1.1:80 weight 1 -> 3",
                "+ real server TCP 10.0.0.1:80 -> 10.0.1.3:80 Masq weight 1"), lines(plan));
    }

    @Test
    void theKernelsLocalForwardingForADirectorAddressIsNotADifference() {
        RealServer local = RealServer.builder(ip("127.0.0.1"), 80).forwarding(ForwardingMethod.LOCAL).weight(1).build();
        Plan same = Reconciler.plan(desired(service(svc(WEB, "wlc"), rs("127.0.0.1", 80, 1))),
                live(service(svc(WEB, "wlc"), local)));
        assertTrue(same.isEmpty(), same.toString());
        Plan weight = Reconciler.plan(desired(service(svc(WEB, "wlc"), rs("127.0.0.1", 80, 4))),
                live(service(svc(WEB, "wlc"), local)));
        assertEquals(List.of("~ real server TCP 10.0.0.1:80 -> 127.0.0.1:80 forwarding local -> masq, weight 1 -> 4"),
                lines(weight));
    }

    @Test
    void fwmarkAndIpv6ServicesArePlannedByTheirKeys() {
        ServiceKey mark = ServiceKey.fwmark(100, io.jlvs.ipvs.AddressFamily.INET6);
        VirtualService s = VirtualService.builder(mark).scheduler(Scheduler.SH).build();
        RealServer r = RealServer.builder(ip("2001:db8::2"), 0).weight(1).build();
        Plan plan = Reconciler.plan(desired(service(s, r)), LiveTable.empty());
        assertEquals(List.of("+ service FWM 100 IPv6 sh", "+ real server FWM 100 IPv6 -> [2001:db8::2]:0 Route weight 1"),
                lines(plan));
        assertTrue(Reconciler.plan(desired(service(s, r)), live(service(s, r))).isEmpty());
    }

    @Test
    void driftIsWhatChangedInTheKernelWhileTheIntentDidNot() {
        DesiredTable before = desired(service(svc(WEB, "wlc"), rs("10.0.1.1", 80, 1), rs("10.0.1.2", 80, 1)));
        DesiredTable now = before.withWeight(WEB, new RealServerAddress(ip("10.0.1.2"), 80), 0);
        // someone set 10.0.1.1 to weight 9 with ipvsadm -e; the director itself drains 10.0.1.2
        LiveTable kernel = live(service(svc(WEB, "wlc"), rs("10.0.1.1", 80, 9), rs("10.0.1.2", 80, 1)));
        Plan plan = Reconciler.plan(now, kernel);
        assertEquals(2, plan.size());
        List<PlanStep> drift = Reconciler.drift(plan, now, before);
        assertEquals(List.of("~ real server TCP 10.0.0.1:80 -> 10.0.1.1:80 weight 9 -> 1"),
                drift.stream().map(PlanStep::describe).toList());
        assertEquals(List.of(), Reconciler.drift(plan, now, null), "the first reconcile adopts, it does not repair");
    }
}
