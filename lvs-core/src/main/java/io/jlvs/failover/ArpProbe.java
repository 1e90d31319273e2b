package io.jlvs.failover;

import static io.jlvs.failover.internal.net.EtherTypes.ETH_P_ARP;

import io.jlvs.failover.internal.net.ArpPacket;
import io.jlvs.failover.internal.net.PacketSocket;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.netlink.route.Link;
import io.jlvs.netlink.route.MacAddress;
import io.jlvs.netlink.route.RouteClient;
import io.jlvs.sys.Syscalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks the segment whether anyone still answers for an IPv4 address, before taking it: ARP probes
 * (RFC 5227 §2.1.1: sender IP 0.0.0.0 so that no one's cache is changed, target IP the address,
 * target MAC zero, broadcast), then listening for a bounded time for an ARP packet whose sender IP is
 * the address. Linux answers a probe for an address it holds with a reply to the prober's MAC
 * (net/ipv4/arp.c arp_process, "sip == 0" case). Frames this host sent itself are ignored, and this
 * host's own kernel never sees its outgoing probe: whether the address is on <em>this</em> host is
 * {@link AddressManager#holds}'s question.
 */
public final class ArpProbe {
    /** RFC 5227 PROBE_NUM: probes sent, spread over the waiting time. */
    public static final int PROBES = 3;
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final Duration SLICE = Duration.ofMillis(50);
    private static final Inet4Address UNSPECIFIED = ipv4(new byte[4]);

    private final RouteClient route;
    private final NetworkNamespace namespace;
    private final Syscalls sys;

    /** Probes through the interfaces {@code route} sees, in its namespace. */
    public ArpProbe(RouteClient route) {
        this(route, route.namespace(), Syscalls.system());
    }

    public ArpProbe(RouteClient route, NetworkNamespace namespace, Syscalls sys) {
        this.route = Objects.requireNonNull(route, "route");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.sys = Objects.requireNonNull(sys, "sys");
    }

    /**
     * The MAC of whoever answers for {@code address} on {@code interfaceName} within {@code wait}
     * (at most 30 s), or empty when no one does.
     *
     * @throws UncheckedIOException when the probe could not be sent (no such interface, no privilege)
     */
    public Optional<MacAddress> whoHas(String interfaceName, Inet4Address address, Duration wait) {
        Objects.requireNonNull(address, "address");
        if (wait == null || wait.isNegative() || wait.isZero() || wait.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("ARP probe wait must be more than 0 and at most " + MAX_WAIT + ", got " + wait);
        }
        Link link = route.requireLink(interfaceName);
        MacAddress own = link.mac();
        if (own == null || own.equals(MacAddress.ZERO)) {
            throw new IllegalArgumentException("interface " + interfaceName + " has no Ethernet address to probe from");
        }
        byte[] probe = new ArpPacket(ArpPacket.ARPOP_REQUEST, own, UNSPECIFIED, MacAddress.ZERO, address)
                .frame(MacAddress.BROADCAST);
        byte[] frame = new byte[2048];
        try (PacketSocket socket = PacketSocket.open(sys, namespace, interfaceName, link.index(), ETH_P_ARP, SLICE)) {
            long start = System.nanoTime();
            long end = start + wait.toNanos();
            long probeGap = wait.toNanos() / PROBES;
            int sent = 0;
            while (System.nanoTime() - end < 0) {
                if (sent < PROBES && System.nanoTime() - (start + sent * probeGap) >= 0) {
                    socket.send(probe, MacAddress.BROADCAST);
                    sent++;
                }
                int n = socket.receive(frame);
                if (n < 0) {
                    continue;
                }
                Optional<ArpPacket> arp = ArpPacket.parse(frame, n);
                if (arp.isPresent() && arp.get().senderIp().equals(address) && !arp.get().senderMac().equals(own)) {
                    return Optional.of(arp.get().senderMac());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("ARP probe for " + address.getHostAddress() + " on " + interfaceName
                    + ": " + e.getMessage(), e);
        }
    }

    /** True when no one answered for {@code address} within {@code wait}. */
    public boolean isFree(String interfaceName, Inet4Address address, Duration wait) {
        return whoHas(interfaceName, address, wait).isEmpty();
    }

    private static Inet4Address ipv4(byte[] raw) {
        try {
            return (Inet4Address) InetAddress.getByAddress(raw);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
