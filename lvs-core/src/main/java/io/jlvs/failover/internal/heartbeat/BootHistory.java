package io.jlvs.failover.internal.heartbeat;

import java.util.LinkedHashSet;
import java.util.SequencedSet;

/**
 * The boots of one peer this node has followed, and the rule for starting to follow a new one. A
 * heartbeat of a boot other than the current one is taken only when
 * <ul>
 * <li>its timestamp is within {@link #CLOCK_TOLERANCE_MILLIS} of this node's wall clock, so neither
 *     a datagram captured long ago nor one stamped far in the future can start a boot; the very
 *     first heartbeat from a peer passes the same test (it is not trusted more than any other);
 * <li>it is later than the first heartbeat this node took of the current boot: a restarted peer's
 *     heartbeats are stamped after its previous boot's, a played-back one of an earlier boot is not;
 * <li>and its boot was never replaced here (the last few are remembered).
 * </ul>
 * The comparison is with the current boot's first timestamp rather than its last: the last can be
 * far ahead after a forward step of the peer's clock, and would then refuse the peer's next boot
 * until the wall clock caught up. The reference never moves further than this node's clock plus
 * the tolerance, so no datagram played back or misstamped can refuse the real peer's boot. (One
 * made with the key can; the key is what keeps anyone else from making one.) Not thread-safe.
 */
final class BootHistory {
    /**
     * How far a new boot's timestamp may be from this node's clock: both directors' clocks must
     * agree within it (NTP keeps them within milliseconds). It also bounds how old a captured
     * datagram may be and still be played back to a node that has just started.
     */
    static final long CLOCK_TOLERANCE_MILLIS = 30_000;
    private static final int RETIRED_KEPT = 16;

    private final SequencedSet<Long> retired = new LinkedHashSet<>();
    private boolean following;
    private long bootId;
    private long firstTimestamp;

    /** Whether {@code bootId} is the boot being followed. */
    boolean isCurrent(long bootId) {
        return following && this.bootId == bootId;
    }

    /** Whether {@code heartbeat}, of a boot that is not the current one, may start to be followed at {@code nowMillis}. */
    boolean admits(Heartbeat heartbeat, long nowMillis) {
        if (!withinTolerance(heartbeat.timestampMillis(), nowMillis) || retired.contains(heartbeat.bootId())) {
            return false;
        }
        return !following || heartbeat.timestampMillis() > firstTimestamp;
    }

    /** Follows {@code heartbeat}'s boot from now on; the one it replaces is never followed again. */
    void follow(Heartbeat heartbeat) {
        if (following) {
            retired.add(bootId);
            if (retired.size() > RETIRED_KEPT) {
                retired.removeFirst();
            }
        }
        following = true;
        bootId = heartbeat.bootId();
        firstTimestamp = heartbeat.timestampMillis();
    }

    /** Whether a timestamp is close enough to {@code nowMillis} to start a boot (also for log lines). */
    static boolean withinTolerance(long timestampMillis, long nowMillis) {
        // Bounds computed from this node's clock (a sane epoch value), so no timestamp can overflow into them.
        return timestampMillis >= nowMillis - CLOCK_TOLERANCE_MILLIS && timestampMillis <= nowMillis + CLOCK_TOLERANCE_MILLIS;
    }
}
