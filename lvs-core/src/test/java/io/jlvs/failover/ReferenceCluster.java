package io.jlvs.failover;

import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The reference topology (RHEL's Basic LVS Configuration, as scripts/demo-cluster wires it) in fresh
 * network namespaces, for failover tests:
 * <pre>
 *   public 10.23.8.0/24 (bridge pub)          private 10.11.12.0/24 (bridge priv)
 *   client .100    lvs1 eth0 .1  eth1 .1      rs1 .11, rs2 .12: HTTP on :80, default via 10.11.12.10
 *                  lvs2 eth0 .2  eth1 .2
 * </pre>
 * The bridges live in a namespace of their own; everything is deleted on {@link #close()}.
 */
public final class ReferenceCluster implements AutoCloseable {
    public static final String VIP = "10.23.8.80";
    public static final String NAT_ROUTER = "10.11.12.10";
    private static final Duration T = Duration.ofSeconds(60);

    private final String prefix = "fo" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    private final List<String> namespaces = List.of("net", "client", "lvs1", "lvs2", "rs1", "rs2");
    private final List<Process> servers = new ArrayList<>();
    private final Path www;

    private ReferenceCluster() {
        try {
            www = Files.createTempDirectory("jlvs-failover-www");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ReferenceCluster create() {
        ReferenceCluster c = new ReferenceCluster();
        try {
            c.wire();
            return c;
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    private void wire() {
        for (String ns : namespaces) {
            Processes.check(T, List.of("ip", "netns", "add", name(ns)));
            sh(ns, "ip link set lo up");
        }
        sh("net", "ip link add pub type bridge && ip link add priv type bridge && ip link set pub up && ip link set priv up");
        plug("client", "eth0", "pub", "10.23.8.100/24");
        for (int d = 1; d <= 2; d++) {
            plug("lvs" + d, "eth0", "pub", "10.23.8." + d + "/24");
            plug("lvs" + d, "eth1", "priv", "10.11.12." + d + "/24");
            sh("lvs" + d, "sysctl -qw net.ipv4.ip_forward=1");
        }
        for (int r = 1; r <= 2; r++) {
            plug("rs" + r, "eth0", "priv", "10.11.12.1" + r + "/24");
            sh("rs" + r, "ip route add default via " + NAT_ROUTER);
            startWebServer(r);
        }
    }

    private void plug(String ns, String ifname, String bridge, String address) {
        String outer = ns + "-" + ifname;
        Processes.check(T, List.of("ip", "link", "add", outer, "netns", name("net"), "type", "veth", "peer", "name", ifname,
                "netns", name(ns)));
        sh("net", "ip link set " + outer + " master " + bridge + " up");
        sh(ns, "ip addr add " + address + " dev " + ifname + " && ip link set " + ifname + " up");
    }

    private void startWebServer(int r) {
        try {
            Path dir = Files.createDirectories(www.resolve("rs" + r));
            Files.writeString(dir.resolve("index.html"), "served by rs" + r + "\n");
            servers.add(new ProcessBuilder("ip", "netns", "exec", name("rs" + r), "busybox", "httpd", "-f", "-p", "80", "-h",
                    dir.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts a file of {@code size} random bytes at {@code /NAME} on both real servers' web servers. */
    public void writeFile(String name, int size) {
        byte[] data = new byte[size];
        new java.util.Random(size).nextBytes(data);
        try {
            for (int r = 1; r <= 2; r++) {
                Files.write(www.resolve("rs" + r).resolve(name), data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of file {@code name} the real servers serve. */
    public String sha256(String name) throws Exception {
        return FailoverKernelIT.sha256(www.resolve("rs1").resolve(name));
    }

    /** The full namespace name of {@code ns} ("lvs1", "client", ...). */
    public String name(String ns) {
        return prefix + "-" + ns;
    }

    public NetworkNamespace namespace(String ns) {
        return NetworkNamespace.named(name(ns));
    }

    /** {@code sh -c command} in {@code ns}; a failure fails the test. */
    public String sh(String ns, String command) {
        return Processes.check(T, List.of("ip", "netns", "exec", name(ns), "sh", "-c", command));
    }

    /** Like {@link #sh} but returns the result whatever the exit status. */
    public Processes.Result try_(String ns, String command) {
        return Processes.run(T, List.of("ip", "netns", "exec", name(ns), "sh", "-c", command));
    }

    /** The MAC address of {@code ifname} in {@code ns}. */
    public String mac(String ns, String ifname) {
        return sh(ns, "cat /sys/class/net/" + ifname + "/address").strip();
    }

    @Override
    public void close() {
        for (Process p : servers) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (String ns : namespaces) {
            Processes.run(T, List.of("ip", "netns", "delete", name(ns)));
        }
    }
}
