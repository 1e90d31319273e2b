package io.jlvs.failover.internal.heartbeat;

import io.jlvs.failover.Peer;
import io.jlvs.failover.PeerChange;
import io.jlvs.failover.PathStatus;
import io.jlvs.failover.PeerState;
import io.jlvs.failover.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What this node knows of one peer: when each path last carried a valid heartbeat, the peer's last
 * advertised role and priority, and since when it has been alive without a break (for the failback
 * hold-down). A peer is alive while any path saw a valid heartbeat within the dead time; some paths
 * silent is DEGRADED, all silent is DEAD. Times are monotonic nanoseconds. Not thread-safe.
 */
public final class PeerTracker {
    private final Peer peer;
    private final long deadtimeNanos;
    private final long[] lastHeard;
    private final boolean[] heardEver;
    private final ReplayGuard[] guards;
    private final BootHistory boots = new BootHistory();
    private final LongSupplier wallClockMillis;
    private PeerState state = PeerState.DEAD;
    private Heartbeat latest;
    private long aliveSince;

    /** {@code wallClockMillis}: this node's wall clock, against which a new boot's timestamp is checked. */
    public PeerTracker(Peer peer, long deadtimeNanos, LongSupplier wallClockMillis) {
        this.peer = peer;
        this.deadtimeNanos = deadtimeNanos;
        this.wallClockMillis = wallClockMillis;
        int n = peer.paths().size();
        lastHeard = new long[n];
        heardEver = new boolean[n];
        guards = new ReplayGuard[n];
        for (int i = 0; i < n; i++) {
            guards[i] = new ReplayGuard();
        }
    }

    public Peer peer() {
        return peer;
    }

    /**
     * A heartbeat that passed the MAC on path {@code pathIndex}: false if it is a replay (then nothing
     * changes), true if it was taken.
     */
    public boolean heard(int pathIndex, Heartbeat heartbeat, long now) {
        long wallNow = wallClockMillis.getAsLong();
        if (!guards[pathIndex].accept(heartbeat, wallNow)) {
            return false;
        }
        boolean sameBoot = boots.isCurrent(heartbeat.bootId());
        if (!sameBoot && !boots.admits(heartbeat, wallNow)) {
            // New on this path only: an earlier boot than the one the other paths brought (played back,
            // or a late copy from before the peer restarted). It must not become the peer's state.
            return false;
        }
        if (sameBoot && Long.compareUnsigned(heartbeat.sequence(), latest.sequence()) <= 0) {
            // Fresh for its own path, but older than what another path already brought: it proves the
            // path works, yet must not roll the peer's role back (nor revive a peer that said goodbye).
            if (latest.role() != Role.STOPPED) {
                lastHeard[pathIndex] = now;
                heardEver[pathIndex] = true;
            }
            return true;
        }
        if (!sameBoot) {
            if (latest != null) {
                // The peer restarted within the dead time: its health record starts again.
                aliveSince = now;
            }
            boots.follow(heartbeat);
        }
        latest = heartbeat;
        if (heartbeat.role() == Role.STOPPED) {
            // A goodbye: the peer is gone now, not one dead time from now.
            Arrays.fill(heardEver, false);
            return true;
        }
        if (!anyFresh(now)) {
            // No path was fresh: this heartbeat starts a new period of life.
            aliveSince = now;
        }
        lastHeard[pathIndex] = now;
        heardEver[pathIndex] = true;
        return true;
    }

    /** Re-evaluates the peer's state at {@code now}; the change, if there is one. */
    public Optional<PeerChange> refresh(long now, Instant wallNow) {
        List<String> up = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (int i = 0; i < lastHeard.length; i++) {
            (fresh(i, now) ? up : down).add(peer.paths().get(i).name());
        }
        PeerState next = up.isEmpty() ? PeerState.DEAD : down.isEmpty() ? PeerState.ALIVE : PeerState.DEGRADED;
        if (next == state) {
            return Optional.empty();
        }
        PeerState previous = state;
        state = next;
        return Optional.of(new PeerChange(peer.nodeId(), previous, next, up, down, wallNow));
    }

    public PeerState state() {
        return state;
    }

    /** Alive (all paths or some) as of the last {@link #refresh}. */
    public boolean alive() {
        return state != PeerState.DEAD;
    }

    /** Since when the peer has been alive without a break (meaningful while {@link #alive}). */
    public long aliveSince() {
        return aliveSince;
    }

    /** The last accepted heartbeat, if any. */
    public Optional<Heartbeat> latest() {
        return Optional.ofNullable(latest);
    }

    /**
     * The next instant at which a path's freshness runs out (so the caller wakes up exactly then and
     * failover does not wait for the next keepalive tick); Long.MAX_VALUE if no path is fresh.
     */
    public long nextExpiry(long now) {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < lastHeard.length; i++) {
            if (fresh(i, now)) {
                next = Math.min(next, lastHeard[i] + deadtimeNanos);
            }
        }
        return next;
    }

    /** How long ago (monotonic nanoseconds) a heartbeat was last accepted on any path; empty if never. */
    public java.util.OptionalLong silentFor(long now) {
        long newest = Long.MIN_VALUE;
        boolean any = false;
        for (int i = 0; i < lastHeard.length; i++) {
            if (heardEver[i]) {
                newest = any ? Math.max(newest, lastHeard[i]) : lastHeard[i];
                any = true;
            }
        }
        return any ? java.util.OptionalLong.of(now - newest) : java.util.OptionalLong.empty();
    }

    /** Each path at {@code now} (monotonic), with its last valid heartbeat on the wall clock {@code wallNow}. */
    public List<PathStatus> paths(long now, Instant wallNow) {
        List<PathStatus> out = new ArrayList<>(lastHeard.length);
        for (int i = 0; i < lastHeard.length; i++) {
            Optional<Instant> heard = heardEver[i] ? Optional.of(wallNow.minusNanos(now - lastHeard[i])) : Optional.empty();
            out.add(new PathStatus(peer.paths().get(i).name(), fresh(i, now), heard));
        }
        return out;
    }

    private boolean anyFresh(long now) {
        for (int i = 0; i < lastHeard.length; i++) {
            if (fresh(i, now)) {
                return true;
            }
        }
        return false;
    }

    private boolean fresh(int path, long now) {
        return heardEver[path] && now - lastHeard[path] < deadtimeNanos;
    }
}
