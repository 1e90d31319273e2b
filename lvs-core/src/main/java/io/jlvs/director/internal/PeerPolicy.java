package io.jlvs.director.internal;

import java.util.OptionalInt;

/**
 * Who may use the control socket: root, and members of one configured group. The kernel tells the
 * peer's uid and (primary) gid with SO_PEERCRED (socket(7)); supplementary groups are not in it, so
 * an operator in the group by a supplementary membership runs jlvsctl with {@code sg GROUP}.
 *
 * @param gid the permitted group's id, or empty when only root may connect
 */
public record PeerPolicy(OptionalInt gid) {

    public static PeerPolicy rootOnly() {
        return new PeerPolicy(OptionalInt.empty());
    }

    public boolean permits(int uid, int peerGid) {
        return uid == 0 || (gid.isPresent() && gid.getAsInt() == peerGid);
    }
}
