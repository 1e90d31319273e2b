package io.jlvs.failover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.failover.internal.net.ArpPacket;
import io.jlvs.netlink.route.MacAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Gratuitous ARP frames, byte for byte against frames laid out by hand from RFC 826. */
class GratuitousArpTest {
    private static final MacAddress MAC = MacAddress.parse("02:00:5e:10:00:01");

    private static Inet4Address vip() throws Exception {
        return (Inet4Address) InetAddress.getByName("10.0.0.100");
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    @Test
    void theRequestFormIsAnArpAnnouncementToBroadcast() throws Exception {
        byte[] expected = hex(""
                + "ffffffffffff 02005e100001 0806"   // Ethernet: broadcast, from the MAC, type ARP
                + "0001 0800 06 04 0001"             // htype Ethernet, ptype IPv4, hlen 6, plen 4, op request
                + "02005e100001 0a000064"            // sender MAC, sender IP 10.0.0.100
                + "000000000000 0a000064");          // target MAC zero, target IP 10.0.0.100
        assertArrayEquals(expected, GratuitousArp.request(MAC, vip()));
    }

    @Test
    void theReplyFormCarriesTheSenderMacAsTargetMac() throws Exception {
        byte[] expected = hex(""
                + "ffffffffffff 02005e100001 0806"
                + "0001 0800 06 04 0002"             // op reply
                + "02005e100001 0a000064"
                + "02005e100001 0a000064");          // tha == sha, which Linux requires of a gratuitous reply
        assertArrayEquals(expected, GratuitousArp.reply(MAC, vip()));
    }

    @Test
    void aFrameParsesBackToItsFields() throws Exception {
        byte[] frame = GratuitousArp.request(MAC, vip());
        ArpPacket p = ArpPacket.parse(frame, frame.length).orElseThrow();
        assertEquals(new ArpPacket(ArpPacket.ARPOP_REQUEST, MAC, vip(), MacAddress.ZERO, vip()), p);
    }

    @Test
    void framesThatAreNotEthernetIpv4ArpAreNotParsed() throws Exception {
        byte[] frame = GratuitousArp.request(MAC, vip());
        assertEquals(java.util.Optional.empty(), ArpPacket.parse(frame, frame.length - 1));
        frame[12] = (byte) 0x86; // EtherType IPv6
        assertEquals(java.util.Optional.empty(), ArpPacket.parse(frame, frame.length));
    }
}
