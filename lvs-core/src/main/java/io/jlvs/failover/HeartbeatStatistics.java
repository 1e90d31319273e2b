package io.jlvs.failover;

/**
 * Counters of one node's heartbeats since it started.
 *
 * @param sent datagrams sent (all paths)
 * @param accepted datagrams taken as valid heartbeats
 * @param malformed wrong length, magic, version or fields
 * @param badMac failed authentication: wrong key or altered
 * @param unknownPeer authenticated, but from an address, node id or cluster not configured
 * @param replayed authenticated, but old (sequence or boot) or sent to another path's address
 */
public record HeartbeatStatistics(long sent, long accepted, long malformed, long badMac, long unknownPeer, long replayed) {
    /** All rejected datagrams. */
    public long rejected() {
        return malformed + badMac + unknownPeer + replayed;
    }
}
