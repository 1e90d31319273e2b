package io.jlvs.failover.internal.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.failover.Role;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The election rules, one by one, with time given by hand (seconds as nanoseconds). */
class RoleMachineTest {
    private static final long S = 1_000_000_000L;
    private static final long INITIAL_WAIT = 4 * S;
    private static final long HOLD_DOWN = 10 * S;
    private static final Optional<String> HEALTHY = Optional.empty();

    private static RoleMachine node(int id, int priority) {
        return new RoleMachine(id, priority, 0, INITIAL_WAIT, HOLD_DOWN);
    }

    private static PeerView peer(int id, int priority, Role role) {
        return new PeerView(id, priority, role, true, 0);
    }

    /** Evaluates until the role settles (as the engine does) and returns it. */
    private static Role settle(RoleMachine m, long now, Optional<String> fault, List<PeerView> peers) {
        for (int i = 0; i < 4 && m.evaluate(now, fault, peers).isPresent(); i++) {
            // next step
        }
        return m.role();
    }

    @Test
    void aLoneNodeWaitsTheInitialWaitThenBecomesActive() {
        RoleMachine m = node(1, 100);
        assertEquals(Role.INIT, settle(m, INITIAL_WAIT - 1, HEALTHY, List.of()));
        assertEquals(Role.ACTIVE, settle(m, INITIAL_WAIT, HEALTHY, List.of()));
    }

    @Test
    void aStartingNodeThatHearsAnActivePeerBecomesBackupAtOnceWhateverItsPriority() {
        RoleMachine m = node(1, 250);
        assertEquals(Role.BACKUP, settle(m, 1, HEALTHY, List.of(peer(2, 10, Role.ACTIVE))));
    }

    @Test
    void afterTheInitialWaitTheHighestRankAmongStartingNodesIsActive() {
        RoleMachine low = node(1, 100);
        RoleMachine high = node(2, 200);
        assertEquals(Role.BACKUP, settle(low, INITIAL_WAIT, HEALTHY, List.of(peer(2, 200, Role.INIT))));
        assertEquals(Role.ACTIVE, settle(high, INITIAL_WAIT, HEALTHY, List.of(peer(1, 100, Role.INIT))));
    }

    @Test
    void equalPrioritiesAreBrokenByTheHigherNodeId() {
        assertEquals(Role.BACKUP, settle(node(1, 100), INITIAL_WAIT, HEALTHY, List.of(peer(2, 100, Role.INIT))));
        assertEquals(Role.ACTIVE, settle(node(2, 100), INITIAL_WAIT, HEALTHY, List.of(peer(1, 100, Role.INIT))));
        // Node ids compare unsigned: 0xFFFFFFFF is the highest.
        assertEquals(Role.ACTIVE, settle(node(-1, 100), INITIAL_WAIT, HEALTHY, List.of(peer(7, 100, Role.INIT))));
    }

    @Test
    void aBackupTakesOverWhenNoPeerIsActiveAndItOutranksTheLiveOnes() {
        RoleMachine m = node(2, 100);
        settle(m, INITIAL_WAIT, HEALTHY, List.of(peer(1, 200, Role.ACTIVE)));
        assertEquals(Role.BACKUP, m.role());
        // The active peer died: it is no longer in the live list.
        Optional<RoleMachine.Transition> t = m.evaluate(20 * S, HEALTHY, List.of(peer(3, 50, Role.BACKUP)));
        assertEquals(Role.ACTIVE, t.orElseThrow().to());
    }

    @Test
    void aBackupThatIsOutrankedByAnotherBackupWaitsForIt() {
        RoleMachine m = node(2, 100);
        settle(m, INITIAL_WAIT, HEALTHY, List.of(peer(1, 200, Role.ACTIVE)));
        assertEquals(Role.BACKUP, settle(m, 20 * S, HEALTHY, List.of(peer(3, 150, Role.BACKUP))));
    }

    @Test
    void aBackupNeverSeizesTheRoleFromALiveActiveNode() {
        RoleMachine high = node(1, 200);
        settle(high, 0, HEALTHY, List.of(peer(2, 100, Role.ACTIVE)));
        assertEquals(Role.BACKUP, settle(high, 1000 * S, HEALTHY, List.of(peer(2, 100, Role.ACTIVE))));
    }

    @Test
    void theActiveNodeYieldsToAReturningPreemptingPrimaryOnlyAfterTheHoldDown() {
        RoleMachine active = node(2, 100);
        settle(active, INITIAL_WAIT, HEALTHY, List.of());
        assertEquals(Role.ACTIVE, active.role());
        long back = 100 * S;
        PeerView primary = new PeerView(1, 200, Role.BACKUP, true, back);
        assertEquals(Role.ACTIVE, settle(active, back + HOLD_DOWN - 1, HEALTHY, List.of(primary)));
        Optional<RoleMachine.Transition> t = active.evaluate(back + HOLD_DOWN, HEALTHY, List.of(primary));
        assertEquals(Role.BACKUP, t.orElseThrow().to());
        assertTrue(t.get().reason().contains("hold-down"), t.get().reason());
        // And the primary, seeing no active peer and outranking the yielded one, takes the role.
        RoleMachine returning = new RoleMachine(1, 200, back, INITIAL_WAIT, HOLD_DOWN);
        settle(returning, back, HEALTHY, List.of(peer(2, 100, Role.ACTIVE)));
        assertEquals(Role.ACTIVE, settle(returning, back + HOLD_DOWN, HEALTHY, List.of(peer(2, 100, Role.BACKUP))));
    }

    @Test
    void withoutPreemptTheActiveNodeKeepsTheRole() {
        RoleMachine active = node(2, 100);
        settle(active, INITIAL_WAIT, HEALTHY, List.of());
        PeerView primary = new PeerView(1, 200, Role.BACKUP, false, 0);
        assertEquals(Role.ACTIVE, settle(active, 1000 * S, HEALTHY, List.of(primary)));
    }

    @Test
    void splitBrainTheLowerRankYieldsTheHigherStays() {
        RoleMachine low = node(1, 100);
        RoleMachine high = node(2, 100);
        settle(low, INITIAL_WAIT, HEALTHY, List.of());
        settle(high, INITIAL_WAIT, HEALTHY, List.of());
        Optional<RoleMachine.Transition> t = low.evaluate(5 * S, HEALTHY, List.of(peer(2, 100, Role.ACTIVE)));
        assertEquals(Role.BACKUP, t.orElseThrow().to());
        assertTrue(t.get().reason().startsWith("split brain"), t.get().reason());
        assertEquals(Role.ACTIVE, settle(high, 5 * S, HEALTHY, List.of(peer(1, 100, Role.ACTIVE))));
    }

    @Test
    void aFailingSelfCheckSendsTheNodeToFaultAndItsClearingBackIntoTheElection() {
        RoleMachine m = node(1, 200);
        settle(m, INITIAL_WAIT, HEALTHY, List.of(peer(2, 100, Role.BACKUP)));
        assertEquals(Role.ACTIVE, m.role());
        Optional<RoleMachine.Transition> t = m.evaluate(5 * S, Optional.of("eth0 is down"), List.of());
        assertEquals(new RoleMachine.Transition(Role.ACTIVE, Role.FAULT, "self-check failed: eth0 is down"),
                t.orElseThrow());
        assertEquals(Role.FAULT, settle(m, 6 * S, Optional.of("eth0 is down"), List.of(peer(2, 100, Role.BACKUP))));
        // The backup took over meanwhile: this node comes back as backup and stays (preemption is the active's move).
        assertEquals(Role.BACKUP, settle(m, 7 * S, HEALTHY, List.of(peer(2, 100, Role.ACTIVE))));
    }

    @Test
    void faultyStartingAndStoppedPeersTakeNoPartInTheElection() {
        RoleMachine m = node(1, 100);
        settle(m, 0, HEALTHY, List.of(peer(9, 10, Role.ACTIVE)));
        assertEquals(Role.ACTIVE, settle(m, 10 * S, HEALTHY,
                List.of(peer(2, 200, Role.FAULT), peer(3, 250, Role.STOPPED))));
    }

    @Test
    void aStoppedMachineStaysStopped() {
        RoleMachine m = node(1, 100);
        settle(m, INITIAL_WAIT, HEALTHY, List.of());
        assertEquals(Role.STOPPED, m.stop("closing").orElseThrow().to());
        assertTrue(m.stop("again").isEmpty());
        assertEquals(Role.STOPPED, settle(m, 100 * S, HEALTHY, List.of()));
    }
}
