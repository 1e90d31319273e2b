package io.jlvs.director.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import jdk.net.UnixDomainPrincipal;
import java.nio.file.FileSystems;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may use the control socket: root, and members of one configured group. The kernel tells the
 * peer's uid and (primary) gid with SO_PEERCRED (socket(7)), which the JDK gives as a
 * {@link UnixDomainPrincipal}; supplementary groups are not in it, so an operator in the group by a
 * supplementary membership runs jlvsctl with {@code sg GROUP}. Principals compare by uid and gid.
 *
 * @param group the permitted group, or empty when only root may connect
 */
public record PeerPolicy(Optional<GroupPrincipal> group) {
    /**
     * uid 0, whatever its name: the JDK reads a name that is no user's as a number (no user is
     * called "0"), so this does not depend on the passwd file calling it root.
     */
    private static final UserPrincipal ROOT = lookupUser("0");

    public PeerPolicy {
        Objects.requireNonNull(group, "group");
    }

    public static PeerPolicy rootOnly() {
        return new PeerPolicy(Optional.empty());
    }

    public boolean permits(UnixDomainPrincipal peer) {
        return peer.user().equals(ROOT) || group.map(g -> g.equals(peer.group())).orElse(false);
    }

    private static UserPrincipal lookupUser(String name) {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
