package io.jlvs.director;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.Configuration;
import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.HealthPort;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.RolePort;
import io.jlvs.ipvs.RealServerAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract between the director and its role port at a takeover (RolePort#start): a change to
 * ACTIVE is heard before the port takes and announces the addresses, and the services are in the
 * kernel when the listener returns; and a reload never holds the table lock while it waits for the
 * port, which holds its own lock while the director programs (FailoverRolePort and Takeover do).
 */
class DirectorTakeoverOrderTest {
    private static final RealServerAddress WEB1 = new RealServerAddress(Fixtures.ip("192.168.1.2"), 80);

    /** A role port that, like FailoverRolePort, tells the director about ACTIVE under its own lock. */
    static final class LockingRole implements RolePort {
        private volatile Role role = Role.BACKUP;
        private volatile Consumer<Role> listener;
        final AtomicInteger reconfigured = new AtomicInteger();

        @Override
        public void start(Configuration config, Consumer<Role> listener) {
            this.listener = listener;
            listener.accept(role);
        }

        /** Runs {@code whileHeld} with this port's lock held, then tells the director. */
        synchronized void becomeActive(Runnable whileHeld) {
            whileHeld.run();
            role = Role.ACTIVE;
            listener.accept(Role.ACTIVE);
        }

        @Override
        public synchronized void reconfigure(Configuration config) {
            reconfigured.incrementAndGet();
        }

        @Override
        public Role role() {
            return role;
        }
    }

    @Test
    void theServicesAreProgrammedWhenTheListenerOfActiveReturns() throws Exception {
        MemoryKernel kernel = new MemoryKernel();
        LockingRole port = new LockingRole();
        DirectorParts parts = new DirectorParts(new Fixtures.ScriptedLoader(Fixtures.web(3)), c -> HealthPort.none(),
                c -> port, ns -> kernel);
        try (Director d = Director.start(Fixtures.settings().build(), parts)) {
            d.awaitIdle();
            assertTrue(kernel.server(Fixtures.WEB, WEB1).isEmpty(), "a backup programs nothing (backup_active = 0)");
            // Holding the kernel's monitor, so that a reconcile on another thread (the director's timer)
            // cannot program it meanwhile: only one on this thread, inside the listener, can.
            synchronized (kernel) {
                port.becomeActive(() -> { });
                // No awaitIdle: the port takes the addresses right after this call returns.
                assertTrue(kernel.server(Fixtures.WEB, WEB1).isPresent(), "programmed before the addresses are taken");
            }
            assertEquals(3, kernel.server(Fixtures.WEB, WEB1).orElseThrow().weight());
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)   // a deadlock also hangs close()
    void aReloadDuringATakeoverDoesNotDeadlock() throws Exception {
        MemoryKernel kernel = new MemoryKernel();
        LockingRole port = new LockingRole();
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(Fixtures.web(3));
        DirectorParts parts = new DirectorParts(loader, c -> HealthPort.none(), c -> port, ns -> kernel);
        try (Director d = Director.start(Fixtures.settings().build(), parts)) {
            d.awaitIdle();
            loader.next = Fixtures.web(5);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                Thread[] reload = new Thread[1];
                port.becomeActive(() -> {
                    // The reload starts while the port holds its lock, and gets as far as waiting for it.
                    reload[0] = Thread.ofPlatform().start(() -> {
                        try {
                            d.reload();
                        } catch (ConfigurationRejectedException e) {
                            throw new AssertionError(e);
                        }
                    });
                    for (int i = 0; i < 2_000 && reload[0].getState() != Thread.State.BLOCKED; i++) {
                        sleep();
                    }
                    assertEquals(Thread.State.BLOCKED, reload[0].getState(), "the reload waits for the port's lock");
                });
                reload[0].join();
            });
            assertEquals(1, port.reconfigured.get());
            assertEquals(5, kernel.server(Fixtures.WEB, WEB1).orElseThrow().weight());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
