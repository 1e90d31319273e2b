package io.jlvs.failover.internal.heartbeat;

/**
 * Replay protection for one peer on one path. Within one boot id the sequence number must grow
 * (compared unsigned); a heartbeat of another boot, the very first one included, must pass
 * {@link BootHistory}: a timestamp close to this node's clock and later than the current boot's
 * start. So an old boot's captured datagrams cannot be played back after the peer restarted, and
 * no single datagram can make the real peer's heartbeats look like replays.
 */
public final class ReplayGuard {
    private final BootHistory boots = new BootHistory();
    private long lastSequence;

    /** Whether {@code heartbeat} is new at {@code nowMillis} (wall clock); if so it becomes the reference for the next one. */
    public boolean accept(Heartbeat heartbeat, long nowMillis) {
        if (boots.isCurrent(heartbeat.bootId())) {
            if (Long.compareUnsigned(heartbeat.sequence(), lastSequence) <= 0) {
                return false;
            }
        } else if (boots.admits(heartbeat, nowMillis)) {
            boots.follow(heartbeat);
        } else {
            return false;
        }
        lastSequence = heartbeat.sequence();
        return true;
    }
}
