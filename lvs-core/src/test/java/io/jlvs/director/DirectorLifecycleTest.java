package io.jlvs.director;

import static io.jlvs.director.Fixtures.WEB;
import static io.jlvs.director.Fixtures.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.Configuration;
import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.HealthPort;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.RolePort;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One director per namespace, and a director whose part died does not stay half-alive: it gives up
 * the active role (the addresses go with the role port) and reports the failure to its owner.
 */
class DirectorLifecycleTest {
    @TempDir
    Path run;

    /** An ACTIVE role port that remembers its failure handler and whether it was closed. */
    static final class FailingRole implements RolePort {
        volatile Consumer<Throwable> onFailure;
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void onFailure(Consumer<Throwable> handler) {
            onFailure = handler;
        }

        @Override
        public void start(Configuration config, Consumer<Role> listener) {
            listener.accept(Role.ACTIVE);
        }

        @Override
        public Role role() {
            return Role.ACTIVE;
        }

        @Override
        public void close() {
            closed.set(true); // FailoverRolePort releases the VIPs here
        }
    }

    /** A health port that remembers its failure handler. */
    static final class FailingHealth implements HealthPort {
        volatile Consumer<Throwable> onFailure;

        @Override
        public void onFailure(Consumer<Throwable> handler) {
            onFailure = handler;
        }

        @Override
        public void watch(Configuration config, Sink sink) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aSecondDirectorOnTheSameNamespaceIsRefusedBeforeItTouchesAnything() throws Exception {
        MemoryKernel first = new MemoryKernel();
        AtomicInteger secondOpened = new AtomicInteger();
        DirectorSettings settings = Fixtures.settings().runtimeDirectory(run).build();
        try (Director d = Director.start(settings, Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), first, Role.ACTIVE))) {
            d.awaitIdle();
            first.clearApplied();
            DirectorParts second = new DirectorParts(new Fixtures.ScriptedLoader(web(9)), c -> HealthPort.none(),
                    c -> { throw new AssertionError("the second director started failover"); },
                    ns -> {
                        secondOpened.incrementAndGet();
                        return new MemoryKernel();
                    });

            AnotherInstanceException e = assertThrows(AnotherInstanceException.class, () -> Director.start(settings, second));

            assertTrue(e.lockFile().startsWith(run), e.getMessage());
            assertEquals(0, secondOpened.get(), "the second never opened the IPVS table");
            assertEquals(0, first.appliedOps().size());
            assertEquals(3, first.server(WEB, DirectorTest.WEB1).orElseThrow().weight());
            assertEquals("ACTIVE", d.status().role());
            assertFalse(first.closed);
        }
        // Once the first has stopped, the next may start.
        try (Director next = Director.start(settings, Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), new MemoryKernel(), Role.ACTIVE))) {
            assertEquals("ACTIVE", next.status().role());
        }
    }

    @Test
    void aDirectorWhoseConfigurationIsRejectedLeavesTheLockFree() throws Exception {
        DirectorSettings settings = Fixtures.settings().runtimeDirectory(run).build();
        Fixtures.ScriptedLoader bad = new Fixtures.ScriptedLoader(web(3));
        bad.error = new ConfigurationRejectedException(Fixtures.FILE, java.util.List.of(Fixtures.FILE + ":1: bad"));
        assertThrows(ConfigurationRejectedException.class,
                () -> Director.start(settings, Fixtures.parts(bad, new MemoryKernel(), Role.ACTIVE)));
        try (Director d = Director.start(settings, Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), new MemoryKernel(), Role.ACTIVE))) {
            assertEquals("ACTIVE", d.status().role());
        }
    }

    @Test
    void aFailoverPartThatDiesMakesTheDirectorGiveUpItsRoleAndReportTheFailure() throws Exception {
        MemoryKernel k = new MemoryKernel();
        FailingRole role = new FailingRole();
        DirectorParts parts = new DirectorParts(new Fixtures.ScriptedLoader(web(3)), c -> HealthPort.none(), c -> role, ns -> k);
        Director d = Director.start(Fixtures.settings().runtimeDirectory(run).build(), parts);
        RuntimeException injected = new IllegalStateException("injected: heartbeat loop died");

        role.onFailure.accept(injected);

        assertSame(injected, d.failure().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertTrue(role.closed.get(), "the role port was closed: the VIPs are released");
        assertTrue(k.closed);
        // and it let go of the namespace: the supervisor's next start is not refused
        Director.start(Fixtures.settings().runtimeDirectory(run).build(),
                Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), new MemoryKernel(), Role.ACTIVE)).close();
    }

    @Test
    void aHealthSchedulerThatDiesMakesTheDirectorGiveUpItsRoleAndReportTheFailure() throws Exception {
        FailingRole role = new FailingRole();
        FailingHealth health = new FailingHealth();
        DirectorParts parts = new DirectorParts(new Fixtures.ScriptedLoader(web(3)), c -> health, c -> role, ns -> new MemoryKernel());
        Director d = Director.start(Fixtures.settings().build(), parts);
        Error injected = new StackOverflowError("injected: health scheduler died");

        health.onFailure.accept(injected);

        assertSame(injected, d.failure().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertTrue(role.closed.get());
    }

    @Test
    void aControlServerThatDiesMakesTheDirectorGiveUpItsRoleAndReportTheFailure() throws Exception {
        FailingRole role = new FailingRole();
        DirectorParts parts = new DirectorParts(new Fixtures.ScriptedLoader(web(3)), c -> HealthPort.none(), c -> role, ns -> new MemoryKernel());
        Director d = Director.start(Fixtures.settings().controlSocket(run.resolve("ctl/jlvsd.sock")).build(), parts);
        // What the control server's accept loop reports when it stops by itself (see ControlServerTest).
        java.io.IOException injected = new java.io.IOException("injected: accept failed");

        d.failed("control", injected);

        assertSame(injected, d.failure().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertTrue(role.closed.get());
        assertFalse(java.nio.file.Files.exists(run.resolve("ctl/jlvsd.sock")), "the control socket is gone");
    }

    @Test
    void aPlainCloseIsNoFailure() throws Exception {
        Director d = Director.start(Fixtures.settings().build(),
                Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), new MemoryKernel(), Role.ACTIVE));
        d.close();
        d.failed("late", new RuntimeException("after close"));
        assertFalse(d.failure().toCompletableFuture().isDone());
    }
}
