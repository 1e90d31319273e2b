package io.jlvs.director;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.Configuration;
import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.HealthPort;
import io.jlvs.director.internal.HealthState;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.RolePort;
import io.jlvs.director.internal.ServerRef;
import io.jlvs.ipvs.Operation;
import io.jlvs.ipvs.RealServerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A director's start, in the order that keeps a VIP from answering for a service the kernel does not
 * hold yet (issue 18): a role that is ACTIVE from the start (a single director, or a pair's node that
 * wins at once) has the whole first table applied, from one read of the kernel, before its port takes
 * the addresses; servers that start down (check_alpha) are already left out of that first table; and
 * the probes start only once it is applied.
 */
class DirectorStartOrderTest {
    private static final RealServerAddress WEB1 = new RealServerAddress(Fixtures.ip("192.168.1.2"), 80);
    private static final RealServerAddress WEB2 = new RealServerAddress(Fixtures.ip("192.168.1.3"), 80);

    /**
     * A role port that, as FailoverRolePort does for a single director, reports ACTIVE from within
     * start and then "takes the addresses": it notes what the kernel held at that moment.
     */
    static final class ActiveAtStart implements RolePort {
        private final MemoryKernel kernel;
        volatile List<Operation> heldWhenAddressesTaken;

        ActiveAtStart(MemoryKernel kernel) {
            this.kernel = kernel;
        }

        @Override
        public void start(Configuration config, Consumer<Role> listener) {
            listener.accept(Role.ACTIVE);
            heldWhenAddressesTaken = kernel.appliedOps();
        }

        @Override
        public Role role() {
            return Role.ACTIVE;
        }
    }

    /** A health port whose starting states are given by the test, noting what the kernel held when probing began. */
    static final class StartingDown implements HealthPort {
        private final MemoryKernel kernel;
        private final List<ServerRef> down;
        volatile List<Operation> heldWhenWatched;

        StartingDown(MemoryKernel kernel, List<ServerRef> down) {
            this.kernel = kernel;
            this.down = down;
        }

        @Override
        public void starting(Configuration config, Sink sink) {
            down.forEach(ref -> sink.verdict(ref, new HealthState(HealthState.Status.DOWN, "alpha: down until its checks pass",
                    java.time.Duration.ZERO, OptionalInt.empty())));
        }

        @Override
        public void watch(Configuration config, Sink sink) {
            if (heldWhenWatched == null) {
                heldWhenWatched = kernel.appliedOps();
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anActiveRoleHasTheWholeTableAppliedBeforeItsAddressesAreTaken() throws Exception {
        MemoryKernel kernel = new MemoryKernel();
        ActiveAtStart port = new ActiveAtStart(kernel);
        DirectorParts parts = new DirectorParts(new Fixtures.ScriptedLoader(Fixtures.web(3)), c -> HealthPort.none(),
                c -> port, ns -> kernel);
        try (Director d = Director.start(Fixtures.settings().build(), parts)) {
            d.awaitIdle();
            assertEquals(3, port.heldWhenAddressesTaken.size(), "the service and both servers, before the addresses: "
                    + port.heldWhenAddressesTaken);
            assertEquals(kernel.appliedOps(), port.heldWhenAddressesTaken, "nothing left for after the addresses");
            assertEquals(1, kernel.reads, "the start read the kernel table once");
            assertEquals("ACTIVE", d.status().role());
        }
    }

    @Test
    void serversThatStartDownAreLeftOutOfTheFirstTableAndProbingStartsAfterIt() throws Exception {
        MemoryKernel kernel = new MemoryKernel();
        ActiveAtStart port = new ActiveAtStart(kernel);
        StartingDown health = new StartingDown(kernel, List.of(new ServerRef(Fixtures.WEB, WEB1)));
        DirectorParts parts = new DirectorParts(new Fixtures.ScriptedLoader(Fixtures.web(3)), c -> health,
                c -> port, ns -> kernel);
        try (Director d = Director.start(Fixtures.settings().build(), parts)) {
            d.awaitIdle();
            List<Operation> all = new ArrayList<>(kernel.appliedOps());
            assertFalse(all.stream().anyMatch(op -> op instanceof Operation.AddRealServer a && a.server().key().equals(WEB1)),
                    "web1 starts down: never added, not even for a moment: " + all);
            assertTrue(kernel.server(Fixtures.WEB, WEB2).isPresent());
            assertEquals(all, health.heldWhenWatched, "the probes start once the first table is applied");
        }
    }
}
