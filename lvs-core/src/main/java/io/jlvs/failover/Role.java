package io.jlvs.failover;

/**
 * A node's role in the failover group, as it advertises it in its heartbeats.
 *
 * <p>INIT while a node listens for its peers after starting (for one dead time), BACKUP while
 * another node serves, ACTIVE while it owns the floating addresses, FAULT while its own self-check
 * fails (it then takes no part in elections), STOPPED once closed (its last heartbeat says so, so
 * that peers take over at once instead of waiting a dead time).
 */
public enum Role {
    INIT(0),
    BACKUP(1),
    ACTIVE(2),
    FAULT(3),
    STOPPED(4);

    private final int wireCode;

    Role(int wireCode) {
        this.wireCode = wireCode;
    }

    /** The byte that stands for this role in a heartbeat. */
    public int wireCode() {
        return wireCode;
    }

    /** The role for a heartbeat byte; IllegalArgumentException for a byte no role has. */
    public static Role fromWire(int code) {
        for (Role r : values()) {
            if (r.wireCode == code) {
                return r;
            }
        }
        throw new IllegalArgumentException("role code " + code + " is not one of 0..4");
    }
}
