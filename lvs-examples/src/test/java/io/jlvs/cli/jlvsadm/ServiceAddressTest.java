package io.jlvs.cli.jlvsadm;

import static io.jlvs.cli.jlvsadm.Fixtures.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jlvs.ipvs.Protocol;
import java.util.HexFormat;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** "host[:port]" as ipvsadm's parse_service reads it, with inet_aton and inet_pton underneath. */
class ServiceAddressTest {
    private final ServicesDatabase services = Fixtures.services();

    private ServiceAddress.Parsed parse(String text, Protocol protocol) {
        return ServiceAddress.parse(text, protocol, services);
    }

    @Test
    void ipv4WithAndWithoutPort() {
        assertEquals(new ServiceAddress.Parsed(ip("10.0.0.1"), OptionalInt.of(80)), parse("10.0.0.1:80", Protocol.TCP));
        assertEquals(new ServiceAddress.Parsed(ip("10.0.0.1"), OptionalInt.empty()), parse("10.0.0.1", Protocol.TCP));
    }

    @Test
    void ipv6NeedsBracketsForAPort() {
        assertEquals(new ServiceAddress.Parsed(ip("2001:db8::1"), OptionalInt.of(443)), parse("[2001:db8::1]:443", Protocol.TCP));
        assertEquals(new ServiceAddress.Parsed(ip("2001:db8::1"), OptionalInt.empty()), parse("2001:db8::1", Protocol.TCP));
        assertNull(parse("[2001:db8::1]", Protocol.TCP));
        assertNull(parse("[2001:db8::1]x80", Protocol.TCP));
        assertNull(parse("[2001:db8::1:80", Protocol.TCP));
    }

    @Test
    void bracketedIpv4LosesItsPortAsInIpvsadm() {
        assertEquals(new ServiceAddress.Parsed(ip("10.0.0.1"), OptionalInt.empty()), parse("[10.0.0.1]:80", Protocol.TCP));
    }

    @Test
    void portNamesFollowTheProtocol() {
        assertEquals(OptionalInt.of(53), parse("10.0.0.1:domain", Protocol.UDP).port());
        assertEquals(OptionalInt.of(5060), parse("10.0.0.1:sip", Protocol.SCTP).port());
        assertNull(parse("10.0.0.1:http", Protocol.UDP));
        assertNull(parse("10.0.0.1:http", null));
    }

    @Test
    void portRange() {
        assertEquals(OptionalInt.of(0), parse("10.0.0.1:0", Protocol.TCP).port());
        assertEquals(OptionalInt.of(65535), parse("10.0.0.1:65535", Protocol.TCP).port());
        assertNull(parse("10.0.0.1:65536", Protocol.TCP));
    }

    @Test
    void digitsOnlyAndEmptyAreRefused() {
        assertNull(parse("8080", Protocol.TCP));
        assertNull(parse("", Protocol.TCP));
    }

    @Test
    void inetAtonForms() {
        assertEquals(ip("10.0.0.1"), InetParser.inetAton("10.1"));
        assertEquals(ip("10.1.0.2"), InetParser.inetAton("10.1.2"));
        assertEquals(ip("10.0.0.1"), InetParser.inetAton("167772161"));
        assertEquals(ip("10.0.0.1"), InetParser.inetAton("0x0A000001"));
        assertEquals(ip("8.0.0.8"), InetParser.inetAton("010.0.0.010"));
        assertNull(InetParser.inetAton("08.0.0.1"));
        assertNull(InetParser.inetAton("256.0.0.1"));
        assertNull(InetParser.inetAton("1.2.3.4.5"));
        assertNull(InetParser.inetAton("1.2.3."));
        assertNull(InetParser.inetAton("host"));
        assertNull(InetParser.inetAton("4294967296"));
    }

    @Test
    void inetPton6Forms() {
        assertEquals(ip("::1"), InetParser.inetPton6("::1"));
        assertEquals(ip("1:2:3:4:5:6:7:8"), InetParser.inetPton6("1:2:3:4:5:6:7:8"));
        assertArrayEquals(HexFormat.of().parseHex("00000000000000000000ffff0a000001"),
                InetParser.inetPton6("::ffff:10.0.0.1").getAddress());
        assertNull(InetParser.inetPton6("1:2:3:4:5:6:7:8:9"));
        assertNull(InetParser.inetPton6("1:2:3:4:5:6:7::8"));
        assertNull(InetParser.inetPton6("1::2::3"));
        assertNull(InetParser.inetPton6("fe80::1%eth0"));
        assertNull(InetParser.inetPton6("12345::"));
        assertNull(InetParser.inetPton6("10.0.0.1"));
        assertNull(InetParser.inetPton6("::ffff:10.0.0.01"));
    }
}
