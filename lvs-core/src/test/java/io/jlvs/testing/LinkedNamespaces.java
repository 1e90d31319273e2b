package io.jlvs.testing;

import io.jlvs.netlink.NetworkNamespace;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two fresh network namespaces, a "director" and a "peer", joined by a veth pair whose ends are both
 * called {@code eth0} and are up, with {@code lo} up on each side: the smallest segment on which ARP
 * and neighbour advertisements can be sent and watched. Works on any kernel with netns and veth (this
 * host's included, no IPVS needed). Deleted on {@link #close()}; the veth goes with its namespaces.
 */
public final class LinkedNamespaces implements AutoCloseable {
    public static final String INTERFACE = "eth0";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String director;
    private final String peer;

    private LinkedNamespaces(String director, String peer) {
        this.director = director;
        this.peer = peer;
    }

    /**
     * Creates both namespaces and the link. When not root or veth is missing the test skips on a
     * developer's machine and fails in the kernel run ({@link KernelRun#require}).
     */
    public static LinkedNamespaces create() {
        KernelRun.require("root".equals(System.getProperty("user.name")), "needs root to create network namespaces");
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String a = "jlvs-dir-" + id;
        String b = "jlvs-peer-" + id;
        NamedNamespaces.add(a);
        try {
            NamedNamespaces.add(b);
        } catch (RuntimeException e) {
            NamedNamespaces.delete(a);
            throw e;
        }
        LinkedNamespaces pair = new LinkedNamespaces(a, b);
        try {
            Processes.Result veth = Processes.run(TIMEOUT, List.of("ip", "-n", a, "link", "add", INTERFACE, "type", "veth",
                    "peer", "name", INTERFACE, "netns", b));
            KernelRun.require(veth.succeeded(), "veth not available: " + veth.describe());
            for (String ns : List.of(a, b)) {
                Processes.check(TIMEOUT, List.of("ip", "-n", ns, "link", "set", "lo", "up"));
                Processes.check(TIMEOUT, List.of("ip", "-n", ns, "link", "set", INTERFACE, "up"));
            }
            return pair;
        } catch (RuntimeException | Error e) {
            pair.close();
            throw e;
        }
    }

    public String director() {
        return director;
    }

    public String peer() {
        return peer;
    }

    public NetworkNamespace directorNamespace() {
        return NetworkNamespace.named(director);
    }

    public NetworkNamespace peerNamespace() {
        return NetworkNamespace.named(peer);
    }

    /** Runs {@code sh -c command} inside namespace {@code ns}; a non-zero exit fails the test. */
    public static String sh(String ns, String command) {
        return Processes.check(TIMEOUT, List.of("ip", "netns", "exec", ns, "sh", "-c", command));
    }

    /** The MAC of {@code eth0} in {@code ns}, as {@code ip} shows it (a witness independent of our rtnetlink code). */
    public static String mac(String ns) {
        String out = Processes.check(TIMEOUT, List.of("ip", "-n", ns, "-o", "link", "show", INTERFACE));
        int at = out.indexOf("link/ether ");
        if (at < 0) {
            throw new AssertionError("no link/ether in: " + out);
        }
        return out.substring(at + 11, at + 28);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (String ns : List.of(director, peer)) {
            try {
                NamedNamespaces.delete(ns);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
