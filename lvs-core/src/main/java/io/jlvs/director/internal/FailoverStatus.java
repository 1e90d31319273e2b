package io.jlvs.director.internal;

import io.jlvs.director.DirectorStatus;
import io.jlvs.failover.AddressManager;
import io.jlvs.failover.FailoverNode;
import io.jlvs.failover.FloatingAddress;
import io.jlvs.failover.HeartbeatPath;
import io.jlvs.failover.HeartbeatStatistics;
import io.jlvs.failover.PathStatus;
import io.jlvs.failover.Peer;
import io.jlvs.failover.PeerStatus;
import io.jlvs.failover.RoleChange;
import io.jlvs.netlink.route.InterfaceAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The failover module's state as {@link DirectorStatus.Failover}: what status shows of this node and its peer. */
final class FailoverStatus {
    private FailoverStatus() {
    }

    /**
     * @param node      "primary", "backup" or "single"
     * @param running   the heartbeat node, empty for a single director
     * @param last      the last role change, empty before the first
     * @param addresses the floating addresses' manager (asked the kernel which it holds)
     * @param peerName  names a peer by its node id
     */
    static DirectorStatus.Failover of(String node, Optional<FailoverNode> running, Optional<RoleChange> last,
            AddressManager addresses, java.util.function.IntFunction<String> peerName, Instant now) {
        List<DirectorStatus.Address> held = new ArrayList<>();
        for (Map.Entry<FloatingAddress, Boolean> e : addresses.ownership().entrySet()) {
            InterfaceAddress a = e.getKey().address();
            held.add(new DirectorStatus.Address(a.address().getHostAddress() + "/" + a.prefixLength(),
                    a.label(), e.getKey().kind().name(), e.getValue()));
        }
        String state = last.map(c -> c.current().name()).orElse("INIT");
        String reason = last.map(RoleChange::reason).orElse("");
        long since = last.map(c -> ago(c.time(), now)).orElse(-1L);
        if (running.isEmpty()) {
            return new DirectorStatus.Failover(node, state, reason, since, 0, false, held, List.of(),
                    new DirectorStatus.Heartbeats(0, 0, 0));
        }
        FailoverNode n = running.get();
        List<DirectorStatus.PeerNode> peers = new ArrayList<>();
        for (PeerStatus p : n.peers()) {
            Optional<Peer> configured = n.config().peers().stream().filter(c -> c.nodeId() == p.nodeId()).findFirst();
            List<DirectorStatus.Path> paths = new ArrayList<>();
            for (PathStatus ps : p.paths()) {
                Optional<HeartbeatPath> hp = configured.flatMap(c -> c.paths().stream().filter(x -> x.name().equals(ps.name())).findFirst());
                paths.add(new DirectorStatus.Path(ps.name(), hp.map(x -> x.local().getHostAddress()).orElse(""),
                        hp.map(x -> x.peer().getHostAddress()).orElse(""), ps.up(), ps.lastHeard().map(t -> ago(t, now)).orElse(-1L)));
            }
            peers.add(new DirectorStatus.PeerNode(peerName.apply(p.nodeId()), p.state().name(),
                    p.role().map(Enum::name).orElse(""), p.priority(), p.lastHeard().map(t -> ago(t, now)).orElse(-1L), paths));
        }
        HeartbeatStatistics s = n.statistics();
        return new DirectorStatus.Failover(node, n.role().name(), reason, since, n.config().priority(), n.config().preempt(),
                held, peers, new DirectorStatus.Heartbeats(s.sent(), s.accepted(), s.rejected()));
    }

    private static long ago(Instant then, Instant now) {
        return Math.max(0, Duration.between(then, now).toMillis());
    }
}
