package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IpvsActuator against a stateful fake IPVS table: batches, and convergence when the kernel differs. */
class IpvsActuatorTest {
    static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);
    static final VirtualService WEB_SERVICE = VirtualService.builder(WEB).scheduler(Scheduler.WLC).build();
    static final RealServer A = RealServer.builder(ip("192.168.1.2"), 80).masquerade().weight(5).build();
    static final RealServer B = RealServer.builder(ip("192.168.1.3"), 80).masquerade().weight(3).build();
    static final RealServer C = RealServer.builder(ip("192.168.1.4"), 80).masquerade().weight(2).build();
    static final RealServer SORRY = RealServer.builder(ip("192.168.9.9"), 80).masquerade().weight(1).build();

    final FakeIpvsTable table = new FakeIpvsTable();
    final IpvsActuator actuator = new IpvsActuator(table.client());

    static Change.RealServerChange change(RealServer rs, DesiredState from, DesiredState to) {
        return new Change.RealServerChange(WEB, rs.withWeight(to.weight()), from, to);
    }

    @Test
    void severalChangesAtOnceGoToTheKernelInOneBatch() {
        table.put(WEB_SERVICE, A, B, C);

        actuator.apply(List.of(
                change(SORRY, DesiredState.REMOVED, DesiredState.up(1)),
                change(A, DesiredState.up(5), DesiredState.QUIESCED),
                change(B, DesiredState.up(3), DesiredState.REMOVED),
                change(C, DesiredState.up(2), DesiredState.up(1))));

        assertEquals(List.of(4), table.changeRequestsPerDatagram(), "four operations in one datagram");
        assertEquals(List.of(A.withWeight(0), C.withWeight(1), SORRY), table.realServers(WEB));
    }

    @Test
    void anEditOfARealServerTheKernelLacksBecomesAnAdd() {
        table.put(WEB_SERVICE, B);

        actuator.apply(List.of(change(A, DesiredState.QUIESCED, DesiredState.up(5))));

        assertEquals(List.of(B, A), table.realServers(WEB));
        assertEquals(List.of(1, 1), table.changeRequestsPerDatagram(), "the edit, then the add");
    }

    @Test
    void anAddOfARealServerTheKernelHasBecomesAnEditToTheWantedWeight() {
        table.put(WEB_SERVICE, A.withWeight(0));

        actuator.apply(List.of(change(A, DesiredState.REMOVED, DesiredState.up(5))));

        assertEquals(List.of(A), table.realServers(WEB));
    }

    @Test
    void deletingARealServerAlreadyGoneIsDoneWithoutRetry() {
        table.put(WEB_SERVICE, B);

        actuator.apply(List.of(change(A, DesiredState.up(5), DesiredState.REMOVED)));

        assertEquals(List.of(B), table.realServers(WEB));
        assertEquals(List.of(1), table.changeRequestsPerDatagram());
    }

    @Test
    void aChangeForAServiceTheKernelLacksIsReportedAndDoesNotStopTheOthers() {
        ServiceKey other = ServiceKey.tcp(ip("10.0.0.9"), 80);
        table.put(WEB_SERVICE, A);

        actuator.apply(List.of(new Change.RealServerChange(other, B, DesiredState.QUIESCED, DesiredState.up(3)),
                change(A, DesiredState.up(5), DesiredState.QUIESCED)));

        assertFalse(table.hasService(other));
        assertEquals(List.of(A.withWeight(0)), table.realServers(WEB));
    }

    @Test
    void aWithdrawnServiceIsDeletedAndARestoredOneHoldsExactlyItsRealServers() {
        table.put(WEB_SERVICE, A, B);

        actuator.apply(List.of(new Change.ServiceChange(WEB_SERVICE, false, List.of())));
        assertFalse(table.hasService(WEB));
        actuator.apply(List.of(new Change.ServiceChange(WEB_SERVICE, true, List.of(A, B.withWeight(0)))));
        assertEquals(List.of(A, B.withWeight(0)), table.realServers(WEB));

        table.put(WEB_SERVICE, C); // someone else added C meanwhile
        actuator.apply(List.of(new Change.ServiceChange(WEB_SERVICE, true, List.of(A))));
        assertEquals(List.of(A), table.realServers(WEB), "restoring converges: B edited away, C dropped");
    }

    @Test
    void withdrawingAServiceAlreadyGoneIsDone() {
        actuator.apply(List.of(new Change.ServiceChange(WEB_SERVICE, false, List.of())));

        assertFalse(table.hasService(WEB));
        assertEquals(List.of(1), table.changeRequestsPerDatagram());
    }

    @Test
    void passiveSignalReportsInactiveClimbingWithNoActiveOnceAndNeverChangesAWeight() {
        table.put(WEB_SERVICE, A, B);
        PassiveSignal signal = new PassiveSignal(actuator::realServers, 3);
        java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");

        int[] inactive = {1, 4, 9, 15, 20};
        int events = 0;
        List<HealthEvent> first = List.of();
        for (int i = 0; i < inactive.length; i++) {
            table.counts(WEB, A.key(), 0, inactive[i]);
            table.counts(WEB, B.key(), 3, inactive[i]); // B has active connections: healthy traffic
            List<HealthEvent> e = signal.poll(List.of(WEB), t.plusSeconds(i));
            events += e.size();
            if (!e.isEmpty()) {
                first = e;
            }
        }

        assertEquals(1, events, "one report per episode");
        HealthEvent e = first.get(0);
        assertEquals(HealthEvent.Kind.PASSIVE_SUSPECT, e.kind());
        assertEquals(A.key(), e.realServer().orElseThrow());
        assertEquals(e.from(), e.to(), "informational: no state change");
        assertTrue(e.reason().contains("inactive connections climbed to 9"), e.reason());
        assertEquals(List.of(A, B), table.realServers(WEB), "weights untouched");
    }

    @Test
    void passiveSignalForgetsAnEpisodeOnceActiveConnectionsAppear() {
        table.put(WEB_SERVICE, A);
        PassiveSignal signal = new PassiveSignal(actuator::realServers, 2);
        java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
        int[][] counts = {{0, 1}, {0, 2}, {1, 2}, {0, 3}, {0, 4}};
        int events = 0;
        for (int[] c : counts) {
            table.counts(WEB, A.key(), c[0], c[1]);
            events += signal.poll(List.of(WEB), t).size();
        }

        assertEquals(2, events, "reported at 2, cleared by an active connection, reported again at 4");
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
