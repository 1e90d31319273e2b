package io.jlvs.failover;

/**
 * Counters of one node's heartbeats since it started.
 *
 * @param sent datagrams sent (all paths)
 * @param accepted datagrams taken as valid heartbeats
 * @param malformed wrong length, magic, version or fields
 * @param badMac failed authentication: wrong key or altered
 * @param unknownPeer authenticated, but from an address, node id or cluster not configured
 * @param replayed authenticated, but old (sequence or boot), sent to another path's address, or of a
 *     new boot stamped more than 30 s from this node's clock
 */
public record HeartbeatStatistics(long sent, long accepted, long malformed, long badMac, long unknownPeer, long replayed) {
    /** All rejected datagrams. */
    public long rejected() {
        return malformed + badMac + unknownPeer + replayed;
    }
}
