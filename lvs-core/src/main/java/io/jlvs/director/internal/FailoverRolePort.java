package io.jlvs.director.internal;

import io.jlvs.config.ClusterSettings;
import io.jlvs.config.Configuration;
import io.jlvs.config.InterfaceAddress;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.director.NodeMode;
import io.jlvs.failover.ActiveDuty;
import io.jlvs.failover.AddressManager;
import io.jlvs.failover.Announcer;
import io.jlvs.failover.FailoverConfig;
import io.jlvs.failover.FailoverNode;
import io.jlvs.failover.FloatingAddress;
import io.jlvs.failover.HeartbeatKey;
import io.jlvs.failover.HeartbeatPath;
import io.jlvs.failover.Peer;
import io.jlvs.failover.PeerStatus;
import io.jlvs.failover.RoleChange;
import io.jlvs.failover.RoleListener;
import io.jlvs.failover.SelfCheck;
import io.jlvs.failover.Takeover;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.netlink.route.AssignedAddress;
import io.jlvs.netlink.route.LinkMonitor;
import io.jlvs.netlink.route.RouteClient;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failover module (io.jlvs.failover) as the director's {@link RolePort}, wired from lvs.cf the
 * way Piranha's pulse reads it: {@code primary}/{@code backup} (and their {@code _private} addresses)
 * are the two nodes and the heartbeat paths, {@code heartbeat_port}, {@code keepalive} and
 * {@code deadtime} time them; the floating addresses are every active virtual server's
 * {@code address} and the {@code nat_router}. A {@link Takeover} has the director program its services,
 * then takes and announces the addresses on becoming ACTIVE, and releases them first on leaving it
 * (the director then follows the role).
 *
 * <p>Without a backup ({@code backup} unset, or {@code heartbeat = 0}) there is no peer to elect
 * with: this node is ACTIVE from the start and simply holds the addresses until it stops.
 *
 * <p>Which node this is comes from {@code --node}, or for AUTO from which of the two addresses is
 * assigned in this namespace.
 */
public final class FailoverRolePort implements RolePort {
    private static final Logger log = LoggerFactory.getLogger(FailoverRolePort.class);
    static final int PRIMARY_ID = 1;
    static final int BACKUP_ID = 2;

    private final NetworkNamespace namespace;
    private final NodeMode mode;
    private final AtomicLong failovers = new AtomicLong();
    private volatile Role role = Role.INIT;
    private RouteClient route;
    private Announcer announcer;
    private AddressManager addresses;
    private FailoverNode node;
    private Takeover takeover;
    private Configuration started;
    private RoleHooks hooks;
    private LinkMonitor linkMonitor;
    private TrackScript trackScript;
    private volatile Consumer<Throwable> onFailure = e -> { };
    /** The election's last role change, for status. */
    private volatile RoleChange lastChange;
    /** "primary", "backup" or "single", once started. */
    private volatile String nodeName = "single";

    public FailoverRolePort(NetworkNamespace namespace, NodeMode mode) {
        this.namespace = namespace;
        this.mode = mode;
    }

    @Override
    public void onFailure(Consumer<Throwable> handler) {
        this.onFailure = handler;
    }

    @Override
    public synchronized void start(Configuration config, Consumer<Role> listener) {
        started = config;
        ClusterSettings c = config.cluster();
        route = RouteClient.open(namespace);
        // Every configured floating address is this director's to release: a VIP left on an interface by
        // a crashed earlier run must go before this node is a backup, or both directors would answer.
        addresses = new AddressManager(route, floating(config), AddressManager.Ownership.ALL_CONFIGURED);
        announcer = Announcer.builder(route).build();
        // floatingAddresses: on leaving ACTIVE the gratuitous ARPs stop before the addresses go.
        // services: on entering ACTIVE the director hears it first and programs its services before the
        // addresses are taken and announced; it follows the other roles once the addresses are gone.
        takeover = Takeover.builder().floatingAddresses(addresses, announcer)
                .services(ActiveDuty.of(() -> set(Role.ACTIVE, listener), () -> { })).build();
        List<String> asUser = programPrefix(c);
        hooks = new RoleHooks(c.scripts(), asUser);
        boolean paired = HeartbeatAuthentication.paired(c);
        if (paired && addresses.holdsAny()) {
            log.info(Kv.line("event", "failover", "action", "release-stale-addresses",
                    "reason", "configured floating addresses found at start (left by an earlier run?)"));
            addresses.release();
        }
        if (!paired) {
            log.info(Kv.line("event", "failover", "mode", "single", "reason", "no backup in " + config.source(),
                    "addresses", addresses.addresses().size()));
            RoleChange active = new RoleChange(io.jlvs.failover.Role.INIT, io.jlvs.failover.Role.ACTIVE,
                    "single director", java.time.Instant.now());
            lastChange = active;
            takeover.onRoleChange(active);
            hooks.onRoleChange(active);
            set(Role.ACTIVE, listener);
            return;
        }
        boolean primary = isPrimary(c);
        nodeName = primary ? "primary" : "backup";
        FailoverConfig fc = failoverConfig(config, primary);
        log.info(Kv.line("event", "failover", "mode", "pair", "node", primary ? "primary" : "backup",
                "priority", fc.priority(), "port", fc.port(), "paths", fc.allPaths().size(),
                "authentication", authentication(),
                "addresses", addresses.addresses().size()));
        node = FailoverNode.builder(fc).namespace(namespace).onFailure(e -> onFailure.accept(e)).selfCheck(selfCheck(config, fc, asUser))
                .listener(takeover).listener(hooks).listener(new RoleListener() {
            @Override
            public void onRoleChange(RoleChange change) {
                lastChange = change;
                if (change.becameActive()) {
                    failovers.incrementAndGet();
                }
                set(map(change.current()), listener);
            }

            @Override
            public void onPeerChange(io.jlvs.failover.PeerChange change) {
                log.info(Kv.line("event", "peer", "peer", Integer.toUnsignedString(change.peerId()),
                        "from", change.previous(), "to", change.current()));
            }
        }).start();
    }

    /** The argv prefix that runs lvs.cf's programs as {@code check_script_user}; empty for jlvsd's own user. */
    private static List<String> programPrefix(ClusterSettings c) {
        try {
            return CheckPrograms.runAs(c).map(u -> io.jlvs.process.internal.ProcessRunner.asUser(u.uid(), u.gid())
                    .orElseThrow(() -> new IllegalStateException("check_script_user: setpriv (util-linux) is not installed")))
                    .orElse(List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up check_script_user", e);
        }
    }

    /**
     * What can send this node to FAULT: {@code monitor_links} (every interface that carries a floating
     * address or a heartbeat path of this node, watched through the kernel's link notifications) and
     * {@code track_script}; healthy when neither is set.
     */
    private SelfCheck selfCheck(Configuration config, FailoverConfig fc, List<String> asUser) {
        List<SelfCheck> checks = new ArrayList<>();
        ClusterSettings c = config.cluster();
        if (c.monitorLinks()) {
            Set<String> interfaces = new java.util.TreeSet<>();
            addresses.addresses().forEach(a -> interfaces.add(a.interfaceName()));
            Set<InetAddress> mine = new LinkedHashSet<>();
            fc.allPaths().forEach(p -> mine.add(p.local()));
            route.addresses().stream().filter(a -> mine.contains(a.address())).forEach(a -> interfaces.add(a.interfaceName()));
            LinkTracking links = new LinkTracking(interfaces);
            linkMonitor = LinkMonitor.start(namespace, links::update);
            log.info(Kv.line("event", "failover", "monitor_links", String.join(",", links.tracked())));
            checks.add(links);
        }
        if (c.scripts().trackScript().isPresent()) {
            trackScript = new TrackScript(c.scripts(), asUser).start();
            checks.add(trackScript);
        }
        return () -> checks.stream().map(SelfCheck::fault).flatMap(Optional::stream).findFirst();
    }

    private void set(Role next, Consumer<Role> listener) {
        role = next;
        listener.accept(next);
    }

    private static Role map(io.jlvs.failover.Role r) {
        return switch (r) {
            case INIT -> Role.INIT;
            case BACKUP, STOPPED -> Role.BACKUP;
            case ACTIVE -> Role.ACTIVE;
            case FAULT -> Role.FAULT;
        };
    }

    private boolean isPrimary(ClusterSettings c) {
        return switch (mode) {
            case PRIMARY -> true;
            case BACKUP -> false;
            case AUTO -> {
                Set<InetAddress> local = new LinkedHashSet<>();
                route.addresses().stream().map(AssignedAddress::address).forEach(local::add);
                boolean p = c.primary().filter(local::contains).isPresent() || c.primaryPrivate().filter(local::contains).isPresent();
                boolean b = c.backup().filter(local::contains).isPresent() || c.backupPrivate().filter(local::contains).isPresent();
                if (p == b) {
                    throw new IllegalArgumentException("--node auto: " + (p ? "both" : "neither") + " of primary "
                            + c.primary().map(InetAddress::getHostAddress).orElse("-") + " and backup "
                            + c.backup().map(InetAddress::getHostAddress).orElse("-")
                            + " is an address of this host; give --node primary or --node backup");
                }
                yield p;
            }
        };
    }

    static FailoverConfig failoverConfig(Configuration config, boolean primary) {
        ClusterSettings c = config.cluster();
        InetAddress me = primary ? c.primary().orElseThrow() : c.backup().orElseThrow();
        InetAddress peer = primary ? c.backup().orElseThrow() : c.primary().orElseThrow();
        List<HeartbeatPath> paths = new ArrayList<>();
        paths.add(new HeartbeatPath("public", me, peer));
        Optional<InetAddress> myPrivate = primary ? c.primaryPrivate() : c.backupPrivate();
        Optional<InetAddress> peerPrivate = primary ? c.backupPrivate() : c.primaryPrivate();
        if (myPrivate.isPresent() && peerPrivate.isPresent()) {
            paths.add(new HeartbeatPath("private", myPrivate.get(), peerPrivate.get()));
        }
        int priority = primary ? c.priority() : Math.max(0, c.priority() / 2);
        return FailoverConfig.builder(primary ? PRIMARY_ID : BACKUP_ID, key(config))
                .priority(priority).preempt(primary && c.preempt()).holdDown(c.failbackDelay())
                .keepalive(c.keepalive()).deadtime(c.deadtime()).port(c.heartbeatPort())
                .peer(new Peer(primary ? BACKUP_ID : PRIMARY_ID, paths)).build();
    }

    private static HeartbeatKey key(Configuration config) {
        ClusterSettings c = config.cluster();
        List<String> problems = HeartbeatAuthentication.problems(c);
        if (!problems.isEmpty()) {
            // The loader refuses these already; this is for a director built with another loader.
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        HeartbeatAuthentication mode = HeartbeatAuthentication.of(c);
        if (mode == HeartbeatAuthentication.INSECURE) {
            log.warn(Kv.line("event", "failover", "authentication", mode.label(), "warning", "heartbeat_insecure = 1:"
                    + " heartbeats are signed with a key derived from the directors' addresses and port, which anyone"
                    + " who can reach UDP port " + c.heartbeatPort() + " can compute and forge; make a key with"
                    + " `jlvsd keygen` and set heartbeat_key_file"));
        }
        return mode.key(c);
    }

    /** The VIPs of the active virtual servers and the NAT router, each on its device. */
    static List<FloatingAddress> floating(Configuration config) {
        Set<String> seen = new LinkedHashSet<>();
        List<FloatingAddress> out = new ArrayList<>();
        for (VirtualServerConfig v : config.activeVirtualServers()) {
            add(out, seen, FloatingAddress.Kind.VIRTUAL_IP, v.address(), v.vipNetmaskPrefix(), "virtual " + v.name());
        }
        config.cluster().natRouter().ifPresent(n ->
                add(out, seen, FloatingAddress.Kind.NAT_ROUTER, n, config.cluster().natNetmaskPrefix(), "nat_router"));
        return out;
    }

    private static void add(List<FloatingAddress> out, Set<String> seen, FloatingAddress.Kind kind, InterfaceAddress a,
            int prefix, String what) {
        if (a.device().isEmpty()) {
            log.warn(Kv.line("event", "failover", "address", a.address().getHostAddress(), "warning",
                    what + " names no device (e.g. \"" + a.address().getHostAddress() + " eth0:1\"): not brought up"));
            return;
        }
        if (seen.add(a.address().getHostAddress() + "@" + a.baseDevice().orElseThrow())) {
            out.add(FloatingAddress.onDevice(kind, a.address(), prefix, a.device().get()));
        }
    }

    @Override
    public synchronized void reconfigure(Configuration config) {
        if (started == null) {
            return;
        }
        hooks.reconfigure(config.cluster().scripts());
        List<FloatingAddress> next = floating(config);
        List<FloatingAddress> before = addresses.addresses();   // the manager's list: the started one, as reloads changed it
        if (!next.equals(before)) {
            try {
                takeover.reconfigureAddresses(next);
                log.info(Kv.line("event", "failover", "action", "reconfigure-addresses", "role", role,
                        "added", addressList(next, before), "removed", addressList(before, next)));
            } catch (RuntimeException e) {
                log.error(Kv.line("event", "failover", "action", "reconfigure-addresses", "result", "failed",
                        "error", e.getMessage()));
            }
        }
        // What else changed in the global settings waits for a restart; the director's reload line names it.
    }

    /** The addresses in {@code a} and not in {@code b}, as "ip@label ...", or "-" for none. */
    private static String addressList(List<FloatingAddress> a, List<FloatingAddress> b) {
        String list = a.stream().filter(x -> !b.contains(x))
                .map(x -> x.ip().getHostAddress() + "@" + x.address().label()).collect(java.util.stream.Collectors.joining(","));
        return list.isEmpty() ? "-" : list;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public synchronized List<String> peers() {
        if (node == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (PeerStatus p : node.peers()) {
            out.add(peerName(p.nodeId()) + " " + p.state() + p.role().map(r -> " " + r).orElse("") + " priority " + p.priority());
        }
        return out;
    }

    @Override
    public synchronized io.jlvs.director.DirectorStatus.Failover failover() {
        if (addresses == null) {
            return io.jlvs.director.DirectorStatus.Failover.NONE;
        }
        return FailoverStatus.of(nodeName, Optional.ofNullable(node), Optional.ofNullable(lastChange), addresses,
                FailoverRolePort::peerName, java.time.Instant.now());
    }

    private static String peerName(int nodeId) {
        return nodeId == PRIMARY_ID ? "primary" : nodeId == BACKUP_ID ? "backup" : Integer.toUnsignedString(nodeId);
    }

    @Override
    public synchronized String authentication() {
        return started == null ? HeartbeatAuthentication.NONE.label()
                : HeartbeatAuthentication.of(started.cluster()).label();
    }

    @Override
    public long failovers() {
        return failovers.get();
    }

    /** Leaves the role: with a peer, the node releases the addresses (Takeover) and says goodbye; alone, they are released here. */
    @Override
    public synchronized void close() {
        try {
            if (node != null) {
                node.close();
            } else if (addresses != null) {
                addresses.release();
                if (hooks != null) {
                    hooks.onRoleChange(new RoleChange(io.jlvs.failover.Role.ACTIVE, io.jlvs.failover.Role.STOPPED,
                            "director stopping", java.time.Instant.now()));
                }
            }
        } finally {
            if (trackScript != null) {
                trackScript.close();
            }
            if (linkMonitor != null) {
                linkMonitor.close();
            }
            if (hooks != null) {
                hooks.close();
            }
            if (announcer != null) {
                announcer.close();
            }
            if (route != null) {
                route.close();
            }
            role = Role.BACKUP;
        }
    }
}
