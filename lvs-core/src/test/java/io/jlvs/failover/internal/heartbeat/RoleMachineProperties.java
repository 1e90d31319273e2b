package io.jlvs.failover.internal.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.failover.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Groups of 2 to 6 nodes with any priorities, preempt settings, faults and start times, simulated
 * in keepalive steps where each node sees the others' roles of the step before (one heartbeat of
 * delay). After every node has started and the hold-down has passed, exactly one healthy node is
 * active, and the roles no longer change.
 */
class RoleMachineProperties {
    private static final long STEP = 100_000_000L; // a keepalive, 100 ms
    private static final long INITIAL_WAIT = 4 * STEP;
    private static final long HOLD_DOWN = 10 * STEP;

    record NodeSpec(int id, int priority, boolean preempt, boolean faulty, int startStep) {}

    @Property(tries = 500)
    void exactlyOneHealthyNodeIsActiveAfterConvergence(@ForAll("groups") List<NodeSpec> group) {
        int n = group.size();
        RoleMachine[] machines = new RoleMachine[n];
        Role[] advertised = new Role[n];
        long[] started = new long[n];
        int lastStart = group.stream().mapToInt(NodeSpec::startStep).max().orElseThrow();
        int converged = lastStart + (int) ((INITIAL_WAIT + HOLD_DOWN) / STEP) + 10;
        List<String> transitionsAfterConvergence = new ArrayList<>();
        for (int step = 0; step <= converged + 50; step++) {
            long now = step * STEP;
            Role[] seen = advertised.clone();
            for (int i = 0; i < n; i++) {
                NodeSpec spec = group.get(i);
                if (step < spec.startStep()) {
                    continue;
                }
                if (machines[i] == null) {
                    machines[i] = new RoleMachine(spec.id(), spec.priority(), now, INITIAL_WAIT, HOLD_DOWN);
                    started[i] = now;
                }
                List<PeerView> live = new ArrayList<>();
                for (int j = 0; j < n; j++) {
                    if (j != i && seen[j] != null) {
                        NodeSpec p = group.get(j);
                        // Heard from one step after it started.
                        live.add(new PeerView(p.id(), p.priority(), seen[j], p.preempt(), started[j] + STEP));
                    }
                }
                Optional<String> fault = spec.faulty() ? Optional.of("broken") : Optional.empty();
                for (int k = 0; k < 4; k++) {
                    Optional<RoleMachine.Transition> t = machines[i].evaluate(now, fault, live);
                    if (t.isEmpty()) {
                        break;
                    }
                    if (step > converged) {
                        transitionsAfterConvergence.add("step " + step + " node " + spec.id() + " " + t.get());
                    }
                }
                advertised[i] = machines[i].role();
            }
        }
        long active = 0;
        long healthy = group.stream().filter(s -> !s.faulty()).count();
        for (int i = 0; i < n; i++) {
            if (advertised[i] == Role.ACTIVE) {
                active++;
                assertTrue(!group.get(i).faulty(), "a faulty node is active");
            }
        }
        assertEquals(healthy > 0 ? 1 : 0, active, () -> "roles " + List.of(advertised) + " for " + group);
        assertEquals(List.of(), transitionsAfterConvergence);
        // A preempting top-ranked healthy node ends up active.
        group.stream().filter(s -> !s.faulty())
                .max((a, b) -> a.priority() != b.priority() ? Integer.compare(a.priority(), b.priority())
                        : Integer.compareUnsigned(a.id(), b.id()))
                .filter(NodeSpec::preempt)
                .ifPresent(top -> assertEquals(Role.ACTIVE, advertised[group.indexOf(top)], () -> "top " + top
                        + " not active: " + List.of(advertised) + " for " + group));
    }

    @Provide
    Arbitrary<List<NodeSpec>> groups() {
        Arbitrary<NodeSpec> node = Combinators.combine(
                Arbitraries.integers().between(1, 8),
                Arbitraries.of(0, 1, 100, 100, 150, 200, 255),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 9).map(x -> x == 0),
                Arbitraries.integers().between(0, 30)).as(NodeSpec::new);
        return node.list().ofMinSize(2).ofMaxSize(6).filter(l -> {
            Set<Integer> ids = new HashSet<>();
            return l.stream().allMatch(s -> ids.add(s.id()));
        });
    }
}
