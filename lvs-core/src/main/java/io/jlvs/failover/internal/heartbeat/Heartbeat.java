package io.jlvs.failover.internal.heartbeat;

import io.jlvs.failover.Role;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One heartbeat as sent by a node; see {@link HeartbeatCodec} for its bytes.
 *
 * @param clusterId the group
 * @param nodeId the sender
 * @param role the sender's advertised role
 * @param priority the sender's priority, 0..255
 * @param preempt whether the sender takes the active role back when it outranks the active node
 * @param bootId random per start of the sender's process: tells a restarted sender apart
 * @param sequence increases with every round of heartbeats of one boot (unsigned)
 * @param timestampMillis the sender's wall clock, ms since the epoch
 * @param destination the address the datagram was sent to: binds it to one path, so a copy
 *     captured on one path cannot be replayed as proof of another
 */
public record Heartbeat(int clusterId, int nodeId, Role role, int priority, boolean preempt, long bootId,
        long sequence, long timestampMillis, InetAddress destination) {
    public Heartbeat {
        Objects.requireNonNull(role, "role");
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority " + priority + " is outside 0..255");
        }
        Objects.requireNonNull(destination, "destination");
    }
}
