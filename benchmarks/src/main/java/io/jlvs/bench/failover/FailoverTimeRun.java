package io.jlvs.bench.failover;

import io.jlvs.bench.scale.Goal;
import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;
import io.jlvs.bench.scale.ScaleRun;
import io.jlvs.failover.AddressManager;
import io.jlvs.failover.Announcer;
import io.jlvs.failover.FailoverConfig;
import io.jlvs.failover.FailoverNode;
import io.jlvs.failover.FloatingAddress;
import io.jlvs.failover.HeartbeatKey;
import io.jlvs.failover.HeartbeatPath;
import io.jlvs.failover.Peer;
import io.jlvs.failover.Role;
import io.jlvs.failover.Takeover;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.netlink.route.RouteClient;
import io.jlvs.sys.Syscalls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Two directors and a client on a public bridge (plus a private bridge for the second heartbeat
 * path). For each heartbeat interval: start both nodes (deadtime 3 intervals), check the client is
 * answered by the primary on the VIP, then unplug the primary (both links down: no more heartbeats,
 * no more answers) and time from the backup's last accepted heartbeat of the primary to the first
 * answer the client reads from the backup through the VIP. The ratio to the interval should be at
 * most 3.5: the dead time (3) plus takeover, announcement and the client's next try.
 */
public final class FailoverTimeRun implements ScaleRun {
    static final List<Duration> INTERVALS = List.of(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1));
    private static final int DEADTIME_INTERVALS = 3;
    private static final int PORT = 8080;
    private static final Duration IP = Duration.ofSeconds(60);
    private static final byte[] KEY = "failover benchmark heartbeat key".getBytes(StandardCharsets.US_ASCII);
    private static final String VIP = "10.99.0.80";

    @Override
    public String name() {
        return "failover";
    }

    @Override
    public String description() {
        return "failover time (primary's last heartbeat to the backup answering on the VIP) against the heartbeat interval";
    }

    @Override
    public List<Result> run(RunContext context) throws Exception {
        ScaleNamespace hub = context.newNamespace();
        ScaleNamespace client = context.newNamespace();
        ScaleNamespace lvs1 = context.newNamespace();
        ScaleNamespace lvs2 = context.newNamespace();
        hub.exec(IP, "sh", "-c", "ip link add pub type bridge && ip link add priv type bridge"
                + " && ip link set pub up && ip link set priv up").orThrow();
        plug(context, hub, client, "c0", "eth0", "pub", "10.99.0.100/24");
        plug(context, hub, lvs1, "a0", "eth0", "pub", "10.99.0.1/24");
        plug(context, hub, lvs1, "a1", "eth1", "priv", "10.99.1.1/24");
        plug(context, hub, lvs2, "b0", "eth0", "pub", "10.99.0.2/24");
        plug(context, hub, lvs2, "b1", "eth1", "priv", "10.99.1.2/24");
        int repetitions = context.size(5, 1);
        List<Result> results = new ArrayList<>();
        try (VipAnswerer a = new VipAnswerer(lvs1.namespace(), PORT, "lvs1");
                VipAnswerer b = new VipAnswerer(lvs2.namespace(), PORT, "lvs2")) {
            for (Duration interval : INTERVALS) {
                List<Double> ratios = new ArrayList<>();
                List<Double> times = new ArrayList<>();
                for (int rep = 0; rep < repetitions; rep++) {
                    double ms = once(context, client, lvs1, lvs2, interval);
                    times.add(ms);
                    ratios.add(ms / interval.toMillis());
                    context.log("keepalive %d ms: failover %.1f ms (%.2f intervals)", interval.toMillis(), ms,
                            ms / interval.toMillis());
                }
                double median = median(times);
                results.add(Result.of(name(), "failover, keepalive " + interval.toMillis() + " ms", median, "ms")
                        .against("keepalive interval", interval.toMillis())
                        .goal(Goal.ratioAtMost(3.5, "failover within 3.5 heartbeat intervals (issue 6)")));
            }
        }
        return results;
    }

    private static double once(RunContext context, ScaleNamespace client, ScaleNamespace lvs1, ScaleNamespace lvs2,
            Duration interval) throws Exception {
        lvs1.exec(IP, "sh", "-c", "ip link set eth0 up && ip link set eth1 up").orThrow();
        try (Director primary = new Director(lvs1.namespace(), 1, 200, interval);
                Director backup = new Director(lvs2.namespace(), 2, 100, interval)) {
            Duration settle = interval.multipliedBy(40).plusSeconds(20);
            await(settle, "primary active, backup standing by",
                    () -> primary.node.role() == Role.ACTIVE && backup.node.role() == Role.BACKUP);
            Optional<Instant> first = probe(client.namespace(), "lvs1", settle);
            if (first.isEmpty()) {
                throw new IllegalStateException("the client was never answered by the primary on " + VIP);
            }
            Thread.sleep(interval.multipliedBy(2).toMillis());
            // Unplug the primary: it neither sends heartbeats nor answers from here on.
            lvs1.exec(IP, "sh", "-c", "ip link set eth0 down && ip link set eth1 down").orThrow();
            Optional<Instant> answered = probe(client.namespace(), "lvs2", interval.multipliedBy(20).plusSeconds(30));
            if (answered.isEmpty()) {
                throw new IllegalStateException("the backup never answered on " + VIP + " after the primary went down");
            }
            Instant lastHeard = backup.node.peers().get(0).lastHeard()
                    .orElseThrow(() -> new IllegalStateException("the backup never heard the primary"));
            Instant active = backup.becameActive;
            if (active != null) {
                context.log("  detection %.1f ms (deadtime %d ms), then takeover to first answer %.1f ms",
                        Duration.between(lastHeard, active).toNanos() / 1e6, interval.toMillis() * DEADTIME_INTERVALS,
                        Duration.between(active, answered.get()).toNanos() / 1e6);
            }
            return Duration.between(lastHeard, answered.get()).toNanos() / 1e6;
        }
    }

    /**
     * Connects to the VIP from the client's namespace, again and again, until a connection reads
     * {@code name}; the wall-clock time it did, or empty after {@code limit}.
     */
    private static Optional<Instant> probe(NetworkNamespace ns, String name, Duration limit) {
        return ns.call(Syscalls.system(), () -> {
            long deadline = System.nanoTime() + limit.toNanos();
            InetSocketAddress vip = new InetSocketAddress(ip(VIP), PORT);
            while (System.nanoTime() - deadline < 0) {
                try (Socket s = new Socket()) {
                    // Short tries: one sent to the old MAC just times out and the next goes to the new one.
                    s.connect(vip, 20);
                    s.setSoTimeout(500);
                    String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
                    if (name.equals(line)) {
                        return Optional.of(Instant.now());
                    }
                } catch (IOException e) {
                    // not answered yet
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            return Optional.empty();
        });
    }

    private static void await(Duration limit, String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("waited " + limit + " for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static void plug(RunContext context, ScaleNamespace hub, ScaleNamespace ns, String outer, String ifname,
            String bridge, String address) throws IOException, InterruptedException {
        context.command().run(IP, List.of("ip", "link", "add", outer, "netns", hub.name(), "type", "veth", "peer", "name",
                ifname, "netns", ns.name())).orThrow();
        hub.exec(IP, "ip", "link", "set", outer, "master", bridge, "up").orThrow();
        ns.exec(IP, "sh", "-c", "ip addr add " + address + " dev " + ifname + " && ip link set " + ifname + " up").orThrow();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** One director: a failover node whose takeover moves the VIP and announces it. */
    private static final class Director implements AutoCloseable {
        final FailoverNode node;
        private final RouteClient route;
        private final Announcer announcer;
        volatile Instant becameActive;

        Director(NetworkNamespace ns, int id, int priority, Duration interval) {
            int other = 3 - id;
            route = RouteClient.open(ns);
            AddressManager addresses = new AddressManager(route,
                    List.of(FloatingAddress.onDevice(FloatingAddress.Kind.VIRTUAL_IP, ip(VIP), 24, "eth0:1")),
                    AddressManager.Ownership.ALL_CONFIGURED);
            announcer = Announcer.builder(route).count(3).interval(Duration.ofMillis(100)).build();
            FailoverConfig config = FailoverConfig.builder(id, HeartbeatKey.of(KEY))
                    .priority(priority)
                    .keepalive(interval)
                    .deadtime(interval.multipliedBy(DEADTIME_INTERVALS))
                    .holdDown(interval.multipliedBy(10))
                    .peer(Peer.of(other,
                            new HeartbeatPath("public", ip("10.99.0." + id), ip("10.99.0." + other)),
                            new HeartbeatPath("private", ip("10.99.1." + id), ip("10.99.1." + other))))
                    .build();
            node = FailoverNode.builder(config).namespace(ns)
                    .listener(change -> {
                        if (change.becameActive()) {
                            becameActive = change.time();
                        }
                    })
                    .listener(Takeover.builder().floatingAddresses(addresses, announcer).build())
                    .start();
        }

        @Override
        public void close() {
            node.close();
            announcer.close();
            route.close();
        }
    }
}
