package io.jlvs.ipvs;

import java.util.Objects;

/**
 * A real server as the kernel reports it: its configuration, connection counts and counters.
 * The counts are the kernel's atomic ints as it sends them (u32, read back as int); they are not
 * checked, so that a listing never fails on a count the kernel got wrong.
 *
 * @param server the configuration, comparable with what was written
 * @param activeConnections connections in an active state (ipvsadm ActiveConn)
 * @param inactiveConnections other connections (ipvsadm InActConn)
 * @param persistentConnections persistence templates pointing at it (ipvsadm --persistent-conn)
 * @param stats the counters
 */
public record RealServerEntry(
        RealServer server, int activeConnections, int inactiveConnections, int persistentConnections, Stats stats) {
    public RealServerEntry {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(stats, "stats");
    }

    /** The real server's identity within its service. */
    public RealServerAddress key() {
        return server.key();
    }
}
