package io.jlvs.health.internal;

import static io.jlvs.health.internal.EngineRig.MAIL;
import static io.jlvs.health.internal.EngineRig.WEB;
import static io.jlvs.health.internal.EngineRig.policy;
import static io.jlvs.health.internal.EngineRig.rs;
import static io.jlvs.health.internal.EngineRig.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.Change;
import io.jlvs.health.Change.RealServerChange;
import io.jlvs.health.Change.ServiceChange;
import io.jlvs.health.DesiredState;
import io.jlvs.health.FailureAction;
import io.jlvs.health.HealthEvent;
import io.jlvs.health.HealthEvent.Kind;
import io.jlvs.health.HealthSnapshot;
import io.jlvs.health.ProbeResult;
import io.jlvs.health.Quorum;
import io.jlvs.health.QuorumAction;
import io.jlvs.ipvs.RealServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The monitor's decisions, driven by hand through time and scripted probe results. */
class HealthEngineTest {
    static final RealServer A = rs("192.168.1.2", 5);
    static final RealServer B = rs("192.168.1.3", 3);
    static final RealServer C = rs("192.168.1.4", 2);

    final EngineRig rig = new EngineRig();

    static RealServerChange only(Decisions d) {
        assertEquals(1, d.changes.size(), "changes: " + d.changes);
        return (RealServerChange) d.changes.get(0);
    }

    @Nested
    class RiseAndFall {
        @Test
        void oneLostProbeDoesNotFlapAServer() {
            rig.start(rig.service(WEB, policy().fall(3).build(), A));
            rig.script.down(target(A));
            Decisions lost = rig.round();
            rig.script.up(target(A));
            lost.addAll(rig.rounds(3));
            rig.script.down(target(A));
            lost.addAll(rig.rounds(2));

            assertTrue(lost.isEmpty(), "one or two failures in a row change nothing: " + lost.changes);
            assertEquals(DesiredState.up(5), desired(A));
        }

        @Test
        void fallFailuresInARowQuiesceTheServer() {
            rig.start(rig.service(WEB, policy().fall(3).build(), A));
            rig.script.down(target(A));
            assertTrue(rig.rounds(2).changes.isEmpty());

            RealServerChange c = only(rig.round());

            assertEquals(WEB, c.service());
            assertEquals(A.withWeight(0), c.server());
            assertEquals(DesiredState.up(5), c.from());
            assertEquals(DesiredState.QUIESCED, c.to());
        }

        @Test
        void riseSuccessesInARowRestoreTheConfiguredWeight() {
            rig.start(rig.service(WEB, policy().fall(1).rise(3).build(), A));
            rig.script.down(target(A));
            rig.round();
            rig.script.up(target(A));
            assertTrue(rig.rounds(2).changes.isEmpty(), "two successes of three");

            RealServerChange c = only(rig.round());

            assertEquals(A, c.server(), "back at its configured weight 5");
            assertEquals(DesiredState.QUIESCED, c.from());
            assertEquals(DesiredState.up(5), c.to());
        }

        @Test
        void removePolicyDeletesTheServerAndAddsItBack() {
            rig.start(rig.service(WEB, policy().fall(1).onFailure(FailureAction.REMOVE).build(), A));
            rig.script.down(target(A));
            RealServerChange down = only(rig.round());
            rig.script.up(target(A));
            RealServerChange up = only(rig.round());

            assertEquals(DesiredState.REMOVED, down.to());
            assertFalse(down.to().present());
            assertEquals(DesiredState.REMOVED, up.from());
            assertEquals(A, up.server());
        }

        @Test
        void aServersOwnFailureActionWinsOverItsServicesPolicy() {
            io.jlvs.health.WatchedService s = rig.service(WEB, policy().fall(1).onFailure(FailureAction.REMOVE).build(), A, B);
            rig.start(new io.jlvs.health.WatchedService(s.service(),
                    List.of(s.servers().get(0).withOnFailure(FailureAction.QUIESCE), s.servers().get(1)), s.policy()));
            rig.script.down(target(A));
            rig.script.down(target(B));

            Decisions d = rig.round();

            java.util.Map<RealServer, DesiredState> to = new java.util.HashMap<>();
            d.changes.forEach(c -> to.put(((RealServerChange) c).server().withWeight(0), ((RealServerChange) c).to()));
            assertEquals(java.util.Map.of(A.withWeight(0), DesiredState.QUIESCED, B.withWeight(0), DesiredState.REMOVED), to,
                    "A quiesced by its own action, B removed by the service's");
        }

        @Test
        void serversThatStartDownNeedRiseSuccessesAndAreQuiescedAtOnce() {
            rig.start(rig.service(WEB, policy().startUp(false).rise(2).build(), A, B));

            assertEquals(List.of(DesiredState.QUIESCED, DesiredState.QUIESCED),
                    rig.initial.changes.stream().map(c -> ((RealServerChange) c).to()).toList());
            assertTrue(rig.round().changes.isEmpty());
            assertEquals(2, rig.round().changes.size());
        }
    }

    @Nested
    class Weights {
        @Test
        void slowStartRampsTheRestoredWeightInSteps() {
            RealServer heavy = rs("192.168.1.9", 8);
            rig.start(rig.service(WEB, policy().fall(1).slowStart(Duration.ofSeconds(4), 4).build(), heavy));
            rig.script.down(target(heavy));
            rig.round();
            rig.script.up(target(heavy));

            List<Integer> weights = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                rig.round().changes.forEach(c -> weights.add(((RealServerChange) c).server().weight()));
            }

            assertEquals(List.of(2, 4, 6, 8), weights, "a quarter more every second, then stays at 8");
        }

        @Test
        void slowStartStepsAreWeightEventsNamingTheStep() {
            rig.start(rig.service(WEB, policy().fall(1).slowStart(Duration.ofSeconds(2), 2).build(), A));
            rig.script.down(target(A));
            rig.round();
            rig.script.up(target(A));
            HealthEvent up = rig.round().events.get(0);
            HealthEvent step = rig.round().events.get(0);

            assertEquals(Kind.UP, up.kind());
            assertEquals(DesiredState.up(3), up.to());
            assertTrue(up.reason().contains("slow start 1/2"), up.reason());
            assertEquals(Kind.WEIGHT, step.kind());
            assertEquals(DesiredState.up(5), step.to());
        }

        @Test
        void aServerThatFailsWhileRampingStopsRamping() {
            rig.start(rig.service(WEB, policy().fall(1).slowStart(Duration.ofSeconds(10), 10).build(), A));
            rig.script.down(target(A));
            rig.round();
            rig.script.up(target(A));
            rig.round();
            rig.script.down(target(A));

            assertEquals(DesiredState.QUIESCED, only(rig.round()).to());
            assertTrue(rig.rounds(12).changes.isEmpty(), "no more ramp steps for a down server");
        }

        @Test
        void aDynamicWeightFromTheCheckReplacesTheConfiguredOneUntilItStopsAsking() {
            rig.start(rig.service(WEB, policy().build(), A));
            rig.script.weight(target(A), 11);
            Decisions d = rig.round();
            RealServerChange dynamic = only(d);
            rig.script.up(target(A));
            RealServerChange back = only(rig.round());

            assertEquals(A.withWeight(11), dynamic.server());
            assertEquals(Kind.WEIGHT, d.events.get(0).kind());
            assertTrue(d.events.get(0).reason().contains("dynamic weight 11"), d.events.get(0).reason());
            assertEquals(A, back.server());
        }
    }

    @Nested
    class SorryServer {
        final RealServer sorry = rs("192.168.9.9", 1);

        @Test
        void isAddedWhenNoRealServerIsUpAndRemovedWhenOneReturns() {
            rig.start(rig.service(WEB, policy().fall(1).sorryServer(sorry).build(), A, B));
            rig.script.down(target(A));
            assertEquals(1, rig.round().changes.size(), "B is still up: no sorry server");
            rig.script.down(target(B));
            Decisions allDown = rig.round();
            rig.script.up(target(B));
            Decisions back = rig.round();

            RealServerChange added = (RealServerChange) allDown.changes.get(0);
            assertEquals(sorry, added.server(), "added before the last server leaves");
            assertEquals(DesiredState.up(1), added.to());
            assertEquals(B.withWeight(0), ((RealServerChange) allDown.changes.get(1)).server());
            assertTrue(allDown.events.stream().anyMatch(e -> e.kind() == Kind.SORRY_ADDED));
            RealServerChange removed = (RealServerChange) back.changes.get(1);
            assertEquals(sorry.key(), removed.server().key());
            assertEquals(DesiredState.REMOVED, removed.to());
            assertEquals(Optional.empty(), rig.engine.snapshot(rig.now).service(WEB).sorryServer());
        }

        @Test
        void isInTheSnapshotWhileActive() {
            rig.start(rig.service(WEB, policy().fall(1).sorryServer(sorry).build(), A));
            rig.script.down(target(A));
            rig.round();

            HealthSnapshot.ServiceHealth s = rig.engine.snapshot(rig.now).service(WEB);
            assertEquals(Optional.of(sorry), s.sorryServer());
            assertEquals(List.of(A.withWeight(0), sorry), s.desiredRealServers());
        }
    }

    @Nested
    class QuorumWithHysteresis {
        // Weights 5 + 3 + 2 = 10; quorum 6 +- 1: lost below 5, regained at 7 or more.
        final Quorum withdraw = new Quorum(6, 1, new QuorumAction.Withdraw());

        @Test
        void belowQuorumTheServiceIsWithdrawnAndAboveItRestoredWithItsServers() {
            rig.start(rig.service(WEB, policy().fall(1).quorum(withdraw).build(), A, B, C));
            rig.script.down(target(B));
            rig.script.down(target(C));
            Decisions stillHeld = rig.round(); // up weight 5: not below 6 - 1
            rig.script.down(target(A));
            Decisions lost = rig.round(); // 0
            rig.script.up(target(A));
            Decisions stillLost = rig.round(); // 5: below 6 + 1, stays withdrawn
            rig.script.up(target(C));
            Decisions regained = rig.round(); // 7

            assertEquals(2, stillHeld.changes.size());
            assertFalse(stillHeld.events.stream().anyMatch(e -> e.kind() == Kind.QUORUM_LOST));
            assertEquals(List.of(new ServiceChange(webService(), false, List.of())), lost.changes);
            assertTrue(lost.events.stream().anyMatch(e -> e.kind() == Kind.QUORUM_LOST && e.reason().contains("below quorum 6")));
            assertTrue(stillLost.changes.isEmpty(), "no real-server changes for a withdrawn service: " + stillLost.changes);
            assertEquals(Kind.UP, stillLost.events.get(0).kind(), "events still tell of the server");
            ServiceChange restore = (ServiceChange) regained.changes.get(0);
            assertTrue(restore.present());
            assertEquals(List.of(A, B.withWeight(0), C), restore.realServers());
            assertTrue(regained.events.stream().anyMatch(e -> e.kind() == Kind.QUORUM_REGAINED));
        }

        private io.jlvs.ipvs.VirtualService webService() {
            return io.jlvs.ipvs.VirtualService.builder(WEB).scheduler(io.jlvs.ipvs.Scheduler.WLC).build();
        }

        @Test
        void belowQuorumACommandRunsInsteadWhenConfigured() {
            Quorum command = new Quorum(6, 0, new QuorumAction.RunCommand(List.of("/bin/true", "down"), List.of("/bin/true", "up")));
            rig.start(rig.service(WEB, policy().fall(1).quorum(command).build(), A, B, C));
            rig.script.down(target(A));
            Decisions lost = rig.round(); // 5 < 6
            rig.script.up(target(A));
            Decisions regained = rig.round();

            assertEquals(List.of(List.of("/bin/true", "down")), lost.commands);
            assertEquals(1, lost.changes.size(), "the service stays; only A is quiesced");
            assertEquals(List.of(List.of("/bin/true", "up")), regained.commands);
        }
    }

    @Nested
    class SharedProbes {
        @Test
        void twoServicesSharingARealServerAndCheckShareOneProbe() {
            rig.start(rig.service(WEB, policy().build(), A, B), rig.service(MAIL, policy().build(), A));

            assertEquals(2, rig.engine.probeCount());
            rig.rounds(5);
            assertEquals(5, rig.script.probes(target(A)), "one probe per interval for both services");
        }

        @Test
        void oneResultUpdatesEveryServiceThatUsesIt() {
            rig.start(rig.service(WEB, policy().fall(1).build(), A), rig.service(MAIL, policy().fall(2).build(), A));
            rig.script.down(target(A));
            Decisions first = rig.round();
            Decisions second = rig.round();

            assertEquals(List.of(WEB), first.changes.stream().map(Change::service).toList(), "WEB falls after 1");
            assertEquals(List.of(MAIL), second.changes.stream().map(Change::service).toList(), "MAIL after 2");
        }

        @Test
        void theSharedProbeRunsAtTheShortestIntervalOfItsServices() {
            rig.start(rig.service(WEB, policy().interval(Duration.ofSeconds(4)).build(), A),
                    rig.service(MAIL, policy().interval(Duration.ofSeconds(2)).build(), A));
            rig.rounds(8);

            assertEquals(4, rig.script.probes(target(A)));
        }
    }

    @Nested
    class Scheduling {
        @Test
        void firstProbesAreSpreadOverTheFirstInterval() {
            RealServer[] many = new RealServer[1000];
            for (int i = 0; i < many.length; i++) {
                many[i] = rs("10.1." + (i / 250) + "." + (i % 250 + 1), 1);
            }
            rig.start(rig.service(WEB, policy().interval(Duration.ofSeconds(10)).build(), many));
            int[] perSecond = new int[10];
            for (int s = 0; s < 10; s++) {
                int before = rig.script.totalProbes();
                rig.round();
                perSecond[s] = rig.script.totalProbes() - before;
            }

            for (int s = 0; s < 10; s++) {
                assertTrue(perSecond[s] > 50 && perSecond[s] < 150, "second " + s + " started " + perSecond[s] + " of 1000");
            }
        }

        @Test
        void aFailingServerIsRetriedAfterTheRetryDelayAndTakenDownSooner() {
            rig.start(rig.service(WEB, policy().interval(Duration.ofSeconds(10)).fall(3)
                    .retryDelay(Duration.ofSeconds(1)).build(), A));
            rig.rounds(10);   // the first probe, spread over the first interval: up
            int before = rig.script.probes(target(A));
            rig.script.down(target(A));

            Decisions d = rig.rounds(12);   // one probe at the interval fails, then retries a second apart

            assertEquals(before + 3, rig.script.probes(target(A)), "down after 3 probes in 12 s, not 30 s");
            assertEquals(1, d.changes.size(), "taken down once: " + d.changes);
            rig.rounds(10);
            assertEquals(before + 4, rig.script.probes(target(A)), "once down, probing is back at the interval");
        }

        @Test
        void withoutARetryDelayAFailingServerIsProbedAtTheInterval() {
            rig.start(rig.service(WEB, policy().interval(Duration.ofSeconds(10)).fall(3).build(), A));
            rig.rounds(10);
            int before = rig.script.probes(target(A));
            rig.script.down(target(A));

            rig.rounds(12);

            assertEquals(before + 1, rig.script.probes(target(A)));
        }

        @Test
        void aProbeStillRunningIsNotStartedAgainAndMissedRoundsAreSkipped() {
            rig.start(rig.service(WEB, policy().build(), A));
            rig.now = rig.now.plusSeconds(1);
            List<HealthEngine.DueProbe> first = rig.engine.takeDue(rig.now);
            rig.now = rig.now.plusSeconds(5);
            List<HealthEngine.DueProbe> whileRunning = rig.engine.takeDue(rig.now);
            rig.engine.record(first.get(0).key(), ProbeResult.up("slow", Duration.ofSeconds(5)), rig.now);
            Instant next = rig.engine.nextDeadline();

            assertEquals(1, first.size());
            assertTrue(whileRunning.isEmpty());
            assertTrue(next.isAfter(rig.now) && !next.isAfter(rig.now.plusSeconds(1)), "next " + next + " now " + rig.now);
        }
    }

    private DesiredState desired(RealServer server) {
        return rig.engine.snapshot(rig.now).service(WEB).server(server).desired();
    }
}
