package io.jlvs.director;

import static io.jlvs.director.Fixtures.WEB;
import static io.jlvs.director.Fixtures.rs;
import static io.jlvs.director.Fixtures.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.director.internal.HealthState;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.ServerRef;
import io.jlvs.ipvs.Operation;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.testing.Poll;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The director's behaviour against an in-memory IPVS table. */
class DirectorTest {
    static final RealServerAddress WEB1 = rs("192.168.1.2", 1).key();
    static final RealServerAddress WEB2 = rs("192.168.1.3", 1).key();

    @Test
    void startProgramsTheConfiguredTable() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), k, Role.ACTIVE))) {
            assertTrue(k.services.containsKey(WEB));
            assertEquals(3, k.server(WEB, WEB1).orElseThrow().weight());
            assertEquals(1, k.server(WEB, WEB2).orElseThrow().weight());
            assertEquals("ACTIVE", d.status().role());
        }
        assertTrue(k.closed);
    }

    @Test
    void statusCarriesEachServersKernelStatsAndNoFailoverDetailWithoutAFailoverModule() throws Exception {
        MemoryKernel k = new MemoryKernel();
        io.jlvs.ipvs.Stats web1 = new io.jlvs.ipvs.Stats(100, 200, 150, 30_000, 90_000, 7, 40, 30, 5000, 16_000);
        k.stats.put(WEB1, web1);
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), k, Role.ACTIVE))) {
            List<DirectorStatus.Server> servers = d.status().services().get(0).servers();
            assertEquals(web1, servers.stream().filter(s -> s.address().equals(WEB1.toString())).findFirst().orElseThrow().stats());
            assertEquals(io.jlvs.ipvs.Stats.ZERO, servers.stream().filter(s -> s.address().equals(WEB2.toString())).findFirst()
                    .orElseThrow().stats());
            assertEquals(DirectorStatus.Failover.NONE, d.status().failover());
        }
    }

    @Test
    void backupProgramsNothingUnlessBackupActive() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), k, Role.BACKUP))) {
            assertTrue(k.services.isEmpty());
            assertFalse(d.status().services().get(0).programmed());
        }
    }

    @Test
    void reloadThatChangesAWeightEditsInPlace() throws Exception {
        MemoryKernel k = new MemoryKernel();
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(web(3));
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(loader, k, Role.ACTIVE))) {
            d.awaitIdle();
            k.clearApplied();
            int readsBefore = k.reads;
            loader.next = web(5);
            assertEquals(1, d.reload());
            assertEquals(List.of(new Operation.EditRealServer(WEB, rs("192.168.1.2", 5))), k.appliedOps());
            // planned against the table applied last, as keepalived diffs its configurations
            assertEquals(readsBefore, k.reads, "a reload does not dump the table");
            assertEquals(0, d.reconcile("drift check"));
        }
    }

    @Test
    void aReloadStepTheKernelRefusesFallsBackToReadingIt() throws Exception {
        MemoryKernel k = new MemoryKernel();
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(web(3));
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(loader, k, Role.ACTIVE))) {
            d.awaitIdle();
            // behind the director's back: the real server the reload edits is gone
            k.apply(List.of(new Operation.DeleteRealServer(WEB, WEB1)));
            int readsBefore = k.reads;
            loader.next = web(5);
            d.reload();
            assertTrue(k.reads > readsBefore, "read the kernel after the refusal");
            assertEquals(5, k.server(WEB, WEB1).orElseThrow().weight());
            assertEquals(0, d.reconcile("drift check"));
        }
    }

    @Test
    void driftLeftByAReloadIsRepairedByTheDriftCheck() throws Exception {
        MemoryKernel k = new MemoryKernel();
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(web(3));
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(loader, k, Role.ACTIVE))) {
            d.awaitIdle();
            // behind the director's back, on a server the reload does not touch
            k.apply(List.of(new Operation.DeleteRealServer(WEB, WEB2)));
            loader.next = web(5);
            assertEquals(1, d.reload());
            assertTrue(k.server(WEB, WEB2).isEmpty(), "the reload applied only the configuration's change");
            assertEquals(1, d.reconcile("drift check"));
            assertTrue(k.server(WEB, WEB2).isPresent());
        }
    }

    @Test
    void rejectedReloadKeepsTheRunningConfiguration() throws Exception {
        MemoryKernel k = new MemoryKernel();
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(web(3));
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(loader, k, Role.ACTIVE))) {
            d.awaitIdle();
            k.clearApplied();
            loader.next = web(9);
            loader.error = new ConfigurationRejectedException(Fixtures.FILE, List.of(Fixtures.FILE + ":12: weight: 'x' is not a number"));
            ConfigurationRejectedException e = assertThrows(ConfigurationRejectedException.class, d::reload);
            assertTrue(e.getMessage().contains("lvs.cf:12"), e.getMessage());
            assertEquals(List.of(), k.appliedOps());
            // The old configuration is still the one in force: drift is repaired back to it.
            k.apply(List.of(new Operation.EditRealServer(WEB, rs("192.168.1.2", 7))));
            assertEquals(1, d.reconcile("drift check"));
            assertEquals(3, k.server(WEB, WEB1).orElseThrow().weight());
        }
    }

    @Test
    void anOperatorWeightChangeIsOneBatchWithoutReadingTheKernel() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), k, Role.ACTIVE))) {
            d.awaitIdle();
            k.clearApplied();
            int readsBefore = k.reads;
            d.setWeight("http", "web1", 7);
            // planned against the table applied last: no dump of every service for one edit
            assertEquals(readsBefore, k.reads);
            assertEquals(List.of(new Operation.EditRealServer(WEB, rs("192.168.1.2", 7))), k.appliedOps());
        }
    }

    @Test
    void aRefusedIncrementalChangeFallsBackToReadingTheKernel() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), k, Role.ACTIVE))) {
            d.awaitIdle();
            // behind the director's back: the real server it is about to edit is gone
            k.apply(List.of(new Operation.DeleteRealServer(WEB, WEB1)));
            int readsBefore = k.reads;
            d.setWeight("http", "web1", 7);
            assertTrue(k.reads > readsBefore, "read the kernel after the refusal");
            assertEquals(7, k.server(WEB, WEB1).orElseThrow().weight());
        }
    }

    @Test
    void anOverrideIsForgottenWhenAReloadRemovesItsServer() throws Exception {
        MemoryKernel k = new MemoryKernel();
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(web(3));
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(loader, k, Role.ACTIVE))) {
            d.setWeight("http", "web1", 7);
            d.setEnabled("http", "web2", false);
            loader.next = Fixtures.parse(Fixtures.WEB_TEXT.formatted(0, 3).replace("address = 192.168.1.2\n", "address = 192.168.1.9\n"));
            d.reload();
            loader.next = web(3);
            d.reload();
            assertEquals(3, k.server(WEB, WEB1).orElseThrow().weight(), "web1's override went with it");
            assertTrue(k.server(WEB, WEB2).isEmpty(), "web2 stayed in the file: its override stays");
        }
    }

    @Test
    void driftIsRepairedAndCounted() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), k, Role.ACTIVE))) {
            d.awaitIdle();
            k.apply(List.of(new Operation.DeleteRealServer(WEB, WEB2)));
            assertEquals(1, d.reconcile("drift check"));
            assertTrue(k.server(WEB, WEB2).isPresent());
            assertEquals(0, d.reconcile("drift check"));
        }
    }

    @Test
    void failedServerIsRemovedAndComesBack() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), k, Role.ACTIVE))) {
            ServerRef ref = new ServerRef(WEB, WEB1);
            d.healthVerdict(ref, new HealthState(HealthState.Status.DOWN, "connection refused", Duration.ofMillis(3), OptionalInt.empty()));
            Poll.until(Duration.ofSeconds(10), "web1 removed", () -> k.server(WEB, WEB1), java.util.Optional::isEmpty);
            assertEquals("DOWN", d.status().services().get(0).servers().get(0).health());
            d.healthVerdict(ref, new HealthState(HealthState.Status.UP, "200 OK", Duration.ofMillis(3), OptionalInt.empty()));
            Poll.until(Duration.ofSeconds(10), "web1 back", () -> k.server(WEB, WEB1), java.util.Optional::isPresent);
        }
    }

    @Test
    void quiescedServerKeepsWeightZero() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(web(3, true)), k, Role.ACTIVE))) {
            d.healthVerdict(new ServerRef(WEB, WEB1), new HealthState(HealthState.Status.DOWN, "timeout", Duration.ZERO, OptionalInt.empty()));
            Poll.until(Duration.ofSeconds(10), "web1 at weight 0", () -> k.server(WEB, WEB1).map(r -> r.weight()).orElse(-1), w -> w == 0);
        }
    }

    @Test
    void operatorWeightDisableAndEnable() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), k, Role.ACTIVE))) {
            d.setWeight("http", "web1", 8);
            assertEquals(8, k.server(WEB, WEB1).orElseThrow().weight());
            d.setEnabled("tcp:10.23.8.80:80", "192.168.1.2:80", false);
            assertTrue(k.server(WEB, WEB1).isEmpty());
            assertEquals("disabled", d.status().services().get(0).servers().get(0).admin());
            d.setEnabled("http", "web1", true);
            assertEquals(8, k.server(WEB, WEB1).orElseThrow().weight());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.setWeight("nope", "web1", 1));
            assertTrue(e.getMessage().contains("no virtual service 'nope'"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> d.setWeight("http", "web9", 1));
            assertTrue(e.getMessage().contains("no real server 'web9'"), e.getMessage());
        }
    }

    @Test
    void drainWaitsForActiveConnectionsThenRemoves() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), k, Role.ACTIVE))) {
            k.activeConnections.put(WEB1, 2);
            Thread closer = Thread.ofVirtual().start(() -> {
                Poll.until(Duration.ofSeconds(10), "weight 0", () -> k.server(WEB, WEB1).map(r -> r.weight()).orElse(-1), w -> w == 0);
                k.activeConnections.put(WEB1, 0);
            });
            DrainResult r = d.drain("http", "web1", Duration.ofSeconds(30));
            closer.join();
            assertTrue(r.drained());
            assertTrue(k.server(WEB, WEB1).isEmpty());
        }
    }

    @Test
    void drainGivesUpAtTheTimeoutAndStillRemoves() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(web(3)), k, Role.ACTIVE))) {
            k.activeConnections.put(WEB1, 4);
            DrainResult r = d.drain("http", "web1", Duration.ofMillis(300));
            assertFalse(r.drained());
            assertEquals(4, r.activeConnections());
            assertTrue(k.server(WEB, WEB1).isEmpty());
        }
    }
}
