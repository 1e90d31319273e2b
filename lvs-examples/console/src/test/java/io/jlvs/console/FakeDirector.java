package io.jlvs.console;

import io.jlvs.director.DirectorStatus;
import io.jlvs.config.Configuration;
import io.jlvs.config.RealServerConfig;
import io.jlvs.director.ConfigurationRejectedException;
import io.jlvs.director.internal.ConfigEdits;
import io.jlvs.director.internal.ConfigFile;
import io.jlvs.director.internal.ControlTarget;
import io.jlvs.ipvs.Stats;
import io.jlvs.director.internal.LvsCfLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A director behind jlvsd's real control server: one service "web" with rs1 and rs2, whose weights and
 * admin states change as the control commands say, so a test reads its changes back through {@code status}.
 */
final class FakeDirector implements ControlTarget {
    /** The director's lvs.cf: "web" with rs1 and rs2, weight 1 each; reloads take the weights from it. */
    static final String LVS_CF = """
            # the console's test cluster
            serial_no = 1
            primary = 10.23.8.1
            service = lvs
            network = direct

            virtual web {
                 active = 1
                 address = 10.23.8.80 eth0:1
                 port = 80
                 scheduler = wlc
                 server rs1 {
                     address = 10.11.12.11
                     active = 1
                     weight = 1   # the small one
                 }
                 server rs2 {
                     address = 10.11.12.12
                     active = 1
                     weight = 1
                 }
            }
            """;
    /** The failover peer this director names, in status and in config. */
    static final List<String> PEERS = List.of("backup 10.0.0.2 alive");
    final Map<String, Integer> weights = new LinkedHashMap<>(Map.of("rs1", 1, "rs2", 1));
    final Path file;
    private final ConfigEdits edits;

    /** The editing commands are jlvsd's own ({@link ConfigEdits}: its loader, file handling and locking); plan and reload are this stand-in's. */
    FakeDirector(Path file) throws IOException {
        this.file = file;
        Files.writeString(file, LVS_CF);
        LvsCfLoader loader = new LvsCfLoader();
        this.edits = new ConfigEdits(new ConfigFile(file), new ConfigEdits.Director() {
            @Override
            public Configuration check(Path f, String text) throws ConfigurationRejectedException {
                return loader.load(f, text);
            }

            @Override
            public List<String> plan(Configuration proposed) {
                return planFor(proposed);
            }

            @Override
            public List<String> restartNeeded(Configuration proposed) {
                return List.of();
            }

            @Override
            public int reload() throws ConfigurationRejectedException {
                return reloadFrom(loader.load(file));
            }

            @Override
            public List<String> peers() {
                return PEERS;
            }
        });
    }

    @Override
    public ConfigEdits configEdits() {
        return edits;
    }

    /** The weight edits a reload to {@code cfg} makes, as jlvsd's plan words them. */
    synchronized List<String> planFor(Configuration cfg) {
        List<String> out = new ArrayList<>();
        for (RealServerConfig r : cfg.virtualServers().get(0).realServers()) {
            Integer now = weights.get(r.name());
            if (now != null && now != r.weight()) {
                out.add("~ real server TCP 10.23.8.80:80 -> " + r.address().getHostAddress() + ":80 Route weight " + now + " -> " + r.weight());
            }
        }
        return out;
    }

    private synchronized int reloadFrom(Configuration cfg) {
        int n = planFor(cfg).size();
        calls.add("reload");
        for (RealServerConfig r : cfg.virtualServers().get(0).realServers()) {
            weights.put(r.name(), r.weight());
        }
        return n;
    }
    final Map<String, String> admin = new LinkedHashMap<>(Map.of("rs1", "enabled", "rs2", "enabled"));
    final List<String> calls = new ArrayList<>();
    /** When set, a drain waits for it (a drain that takes its time, as a real one with connections does). */
    volatile java.util.concurrent.CountDownLatch drainGate;
    /** rs1's kernel rate estimates; a test changes them to see the page follow. */
    volatile Stats rs1Stats = new Stats(1000, 5000, 4000, 600_000, 9_000_000, 12, 340, 300, 45_000, 1_200_000);

    @Override
    public synchronized Object status() {
        List<DirectorStatus.Server> servers = new ArrayList<>();
        for (String name : List.of("rs1", "rs2")) {
            servers.add(new DirectorStatus.Server(name, "10.11.12." + (name.equals("rs1") ? 11 : 12) + ":80", 1, weights.get(name),
                    "UP", "200 OK <b>", admin.get(name), 3, 1, name.equals("rs1") ? rs1Stats : Stats.ZERO));
        }
        DirectorStatus.Failover failover = new DirectorStatus.Failover("primary", "ACTIVE", "peer 2 <i>dead</i> on all paths", 12_000, 100,
                true, List.of(new DirectorStatus.Address("10.23.8.80/24", "eth0:1", "VIRTUAL_IP", true),
                        new DirectorStatus.Address("10.11.12.1/24", "eth1:1", "NAT_ROUTER", false)),
                List.of(new DirectorStatus.PeerNode("backup", "DEGRADED", "BACKUP", 50, 400, List.of(
                        new DirectorStatus.Path("public", "10.0.0.1", "10.0.0.2", true, 400),
                        new DirectorStatus.Path("private", "192.168.9.1", "192.168.9.2", false, 95_000)))),
                new DirectorStatus.Heartbeats(120, 118, 2));
        return new DirectorStatus("ACTIVE", PEERS, 1, "/etc/sysconfig/ha/lvs.cf",
                List.of(new DirectorStatus.Service("web", "TCP 10.23.8.80:80", "wlc", true, true, servers)), "key-file", failover);
    }


    @Override
    public int reload() throws ConfigurationRejectedException {
        return reloadFrom(new LvsCfLoader().load(file));
    }

    @Override
    public List<String> plan() {
        return List.of();
    }

    @Override
    public synchronized void weight(String service, String server, int weight) {
        known(service, server);
        calls.add("weight " + service + " " + server + " " + weight);
        weights.put(server, weight);
        admin.put(server, "weight " + weight);
    }

    @Override
    public synchronized void enable(String service, String server, boolean enabled) {
        known(service, server);
        calls.add((enabled ? "enable " : "disable ") + service + " " + server);
        admin.put(server, enabled ? "enabled" : "disabled");
    }

    @Override
    public Object drain(String service, String server, Duration timeout) throws InterruptedException {
        synchronized (this) {
            known(service, server);
            calls.add("drain " + service + " " + server + " " + timeout);
            weights.put(server, 0);
        }
        java.util.concurrent.CountDownLatch gate = drainGate;
        if (gate != null && !gate.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            return Map.of("drained", false, "activeConnections", 3);
        }
        return Map.of("drained", true, "activeConnections", 0);
    }

    @Override
    public String logLevel(Optional<String> logger, String level) {
        throw new UnsupportedOperationException();
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    private void known(String service, String server) {
        if (!service.equals("web") || !weights.containsKey(server)) {
            throw new IllegalArgumentException("no real server " + server + " in " + service);
        }
    }
}
