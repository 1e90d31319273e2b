package io.jlvs.bench.failover;

import io.jlvs.failover.AddressManager;
import io.jlvs.failover.Announcer;
import io.jlvs.failover.FailoverConfig;
import io.jlvs.failover.FailoverNode;
import io.jlvs.failover.FloatingAddress;
import io.jlvs.failover.HeartbeatKey;
import io.jlvs.failover.HeartbeatPath;
import io.jlvs.failover.Peer;
import io.jlvs.failover.PeerChange;
import io.jlvs.failover.PeerState;
import io.jlvs.failover.Role;
import io.jlvs.failover.RoleChange;
import io.jlvs.failover.RoleListener;
import io.jlvs.failover.Takeover;
import io.jlvs.failover.TakeoverStep;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.netlink.route.RouteClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * jLVS's side of the failover run: a {@link FailoverNode} in each director's namespace (lvs1 priority
 * 200, lvs2 100; dead time three keepalives; heartbeats on the public and the private bridge) whose
 * {@link Takeover} moves the VIP and announces it, as jlvsd's does. The backup's node records the
 * instants of the failover's timeline.
 */
final class JlvsPair implements DirectorPair {
    static final int DEADTIME_INTERVALS = 3;
    private static final Duration TAKEOVER_WAIT = Duration.ofSeconds(30);
    private static final byte[] KEY = "failover benchmark heartbeat key".getBytes(StandardCharsets.US_ASCII);

    private final Director primary;
    private final Director backup;

    JlvsPair(NetworkNamespace lvs1, NetworkNamespace lvs2, Duration keepalive) {
        primary = new Director(lvs1, 1, 200, keepalive);
        Director b;
        try {
            b = new Director(lvs2, 2, 100, keepalive);
        } catch (RuntimeException e) {
            primary.close();
            throw e;
        }
        backup = b;
    }

    @Override
    public boolean settled() {
        return primary.node.role() == Role.ACTIVE && backup.node.role() == Role.BACKUP;
    }

    /**
     * Where the backup's takeover after {@code unplugged} spent its time, up to the client's first answer;
     * waits (bounded) for the takeover's steps to end: the client may be answered before the last one.
     */
    JlvsTimeline timeline(Instant asked, Instant unplugged, Instant answered) throws InterruptedException {
        long deadline = System.nanoTime() + TAKEOVER_WAIT.toNanos();
        while (backup.tookOver == null || backup.tookOver.isBefore(asked)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the backup's takeover had not ended " + TAKEOVER_WAIT.toSeconds()
                        + " s after the client was answered: " + backup.takeover.lastTimeline());
            }
            Thread.sleep(5);
        }
        Instant lastHeard = backup.node.peers().get(0).lastHeard()
                .orElseThrow(() -> new IllegalStateException("the backup never heard the primary"));
        Instant dead = backup.declaredDead;
        Instant active = backup.becameActive;
        // Against the instant ip was told: the links' going down is seen by polling, a little late, and
        // the backup may notice the silence first (the timeline's figures are then negative).
        if (dead == null || dead.isBefore(asked) || active == null || active.isBefore(asked)) {
            throw new IllegalStateException("the backup did not declare the primary dead and take over after the unplug"
                    + " (dead " + dead + ", active " + active + ", ip told at " + asked + ")");
        }
        List<TakeoverStep> steps = backup.takeover.lastSteps();
        return new JlvsTimeline(unplugged, lastHeard, dead, active, step(steps, "take addresses").ended(),
                step(steps, "announce addresses").ended(), answered, backup.takeover.lastTimeline());
    }

    private TakeoverStep step(List<TakeoverStep> steps, String name) {
        return steps.stream().filter(s -> s.name().equals(name) && s.done()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the backup's takeover has no successful step '" + name
                        + "': " + backup.takeover.lastTimeline() + "; failures " + backup.takeover.failures()));
    }

    @Override
    public void close() {
        try {
            backup.close();
        } finally {
            primary.close();
        }
    }

    /** One director: a failover node whose takeover moves the VIP and announces it. */
    private static final class Director implements AutoCloseable {
        final FailoverNode node;
        final Takeover takeover;
        private final RouteClient route;
        private final Announcer announcer;
        volatile Instant becameActive;
        volatile Instant declaredDead;
        /** When the takeover's steps (and so every listener before this one) had ended for a change to ACTIVE. */
        volatile Instant tookOver;

        Director(NetworkNamespace ns, int id, int priority, Duration keepalive) {
            int other = 3 - id;
            route = RouteClient.open(ns);
            AddressManager addresses = new AddressManager(route,
                    List.of(FloatingAddress.onDevice(FloatingAddress.Kind.VIRTUAL_IP, FailoverTimeRun.ip(FailoverTimeRun.VIP),
                            24, "eth0:1")),
                    AddressManager.Ownership.ALL_CONFIGURED);
            announcer = Announcer.builder(route).count(3).interval(Duration.ofMillis(100)).build();
            takeover = Takeover.builder().floatingAddresses(addresses, announcer).build();
            FailoverConfig config = FailoverConfig.builder(id, HeartbeatKey.of(KEY))
                    .priority(priority)
                    .keepalive(keepalive)
                    .deadtime(keepalive.multipliedBy(DEADTIME_INTERVALS))
                    .holdDown(keepalive.multipliedBy(10))
                    .peer(Peer.of(other,
                            new HeartbeatPath("public", FailoverTimeRun.ip("10.99.0." + id), FailoverTimeRun.ip("10.99.0." + other)),
                            new HeartbeatPath("private", FailoverTimeRun.ip("10.99.1." + id), FailoverTimeRun.ip("10.99.1." + other))))
                    .build();
            RoleListener recorder = new RoleListener() {
                @Override
                public void onRoleChange(RoleChange change) {
                    if (change.becameActive()) {
                        becameActive = change.time();
                    }
                }

                @Override
                public void onPeerChange(PeerChange change) {
                    if (change.current() == PeerState.DEAD) {
                        declaredDead = change.time();
                    }
                }
            };
            try {
                RoleListener after = change -> {
                    if (change.becameActive()) {
                        tookOver = Instant.now();
                    }
                };
                node = FailoverNode.builder(config).namespace(ns).listener(recorder).listener(takeover).listener(after)
                        .start();
            } catch (RuntimeException e) {
                announcer.close();
                route.close();
                throw e;
            }
        }

        @Override
        public void close() {
            node.close();
            announcer.close();
            route.close();
        }
    }
}
