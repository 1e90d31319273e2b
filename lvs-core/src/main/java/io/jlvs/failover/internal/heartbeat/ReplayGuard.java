package io.jlvs.failover.internal.heartbeat;

/**
 * Replay protection for one peer on one path. Within one boot id the sequence number must grow
 * (compared unsigned); a different boot id is accepted only when its timestamp is later than the
 * last accepted heartbeat of the boot it replaces, so an old boot's captured datagrams cannot be
 * played back after the peer restarted, and a boot once replaced is never accepted again (the
 * last few are remembered). The very first heartbeat from a peer is taken on trust:
 * a replayed one makes the peer look alive for at most one dead time.
 */
public final class ReplayGuard {
    private static final int RETIRED_KEPT = 16;

    private final java.util.SequencedSet<Long> retired = new java.util.LinkedHashSet<>();
    private boolean seen;
    private long bootId;
    private long lastSequence;
    private long lastTimestamp;

    /** Whether {@code heartbeat} is new; if so it becomes the reference for the next one. */
    public boolean accept(Heartbeat heartbeat) {
        if (seen) {
            if (heartbeat.bootId() == bootId) {
                if (Long.compareUnsigned(heartbeat.sequence(), lastSequence) <= 0) {
                    return false;
                }
            } else if (heartbeat.timestampMillis() <= lastTimestamp || retired.contains(heartbeat.bootId())) {
                return false;
            } else {
                retired.add(bootId);
                if (retired.size() > RETIRED_KEPT) {
                    retired.removeFirst();
                }
            }
        }
        seen = true;
        bootId = heartbeat.bootId();
        lastSequence = heartbeat.sequence();
        lastTimestamp = heartbeat.timestampMillis();
        return true;
    }
}
