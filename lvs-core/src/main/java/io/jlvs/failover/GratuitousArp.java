package io.jlvs.failover;

import io.jlvs.failover.internal.net.ArpPacket;
import io.jlvs.netlink.route.MacAddress;
import java.net.Inet4Address;
import java.util.Objects;

/**
 * Gratuitous ARP frames that tell a segment "this IPv4 address is now at this MAC": whole Ethernet
 * frames, broadcast to ff:ff:ff:ff:ff:ff, ready for an AF_PACKET socket.
 *
 * <p>Linux neighbours update an <em>existing</em> entry for the address from either form (net/ipv4/arp.c
 * arp_process: a gratuitous ARP overrides even inside locktime); they create a new entry only when
 * {@code net.ipv4.conf.IF.arp_accept} is 1. Hosts with no entry simply ARP for the VIP when they next
 * need it and reach the new owner.
 */
public final class GratuitousArp {
    private GratuitousArp() {}

    /**
     * The request form (an ARP Announcement, RFC 5227 §2.3): ARP request, sender and target IP both
     * {@code address}, target MAC 00:00:00:00:00:00.
     */
    public static byte[] request(MacAddress sender, Inet4Address address) {
        return packet(ArpPacket.ARPOP_REQUEST, sender, address, MacAddress.ZERO).frame(MacAddress.BROADCAST);
    }

    /**
     * The reply form keepalived and {@code arping -A} also send: ARP reply, sender and target IP both
     * {@code address}, target MAC = sender MAC (RFC 5944 §4.6; Linux requires tha == sha to treat a
     * reply as gratuitous, arp_is_garp).
     */
    public static byte[] reply(MacAddress sender, Inet4Address address) {
        return packet(ArpPacket.ARPOP_REPLY, sender, address, sender).frame(MacAddress.BROADCAST);
    }

    private static ArpPacket packet(int op, MacAddress sender, Inet4Address address, MacAddress targetMac) {
        Objects.requireNonNull(sender, "sender MAC");
        Objects.requireNonNull(address, "address");
        return new ArpPacket(op, sender, address, targetMac, address);
    }
}
