package io.jlvs.failover;

import java.time.Instant;
import java.util.Objects;

/**
 * A node changed role.
 *
 * @param previous the role it left
 * @param current the role it entered
 * @param reason why, in words for an operator ("peer 2 dead on all paths", "split brain: ...")
 * @param time when the node decided it
 */
public record RoleChange(Role previous, Role current, String reason, Instant time) {
    public RoleChange {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(time, "time");
    }

    /** Whether the node just became active (take the addresses). */
    public boolean becameActive() {
        return current == Role.ACTIVE && previous != Role.ACTIVE;
    }

    /** Whether the node just stopped being active (release the addresses first). */
    public boolean leftActive() {
        return previous == Role.ACTIVE && current != Role.ACTIVE;
    }

    @Override
    public String toString() {
        return previous + " -> " + current + " (" + reason + ")";
    }
}
