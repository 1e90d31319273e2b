package io.jlvs.ipvs;

import static io.jlvs.ipvs.TestAddresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RealServerTest {

    @Test
    void builderDefaultsAreIpvsadms() {
        RealServer r = RealServer.builder(ip("10.0.0.2"), 80).build();
        assertEquals(ForwardingMethod.DIRECT_ROUTE, r.forwarding());
        assertEquals(1, r.weight());
        assertEquals(0, r.upperThreshold());
        assertEquals(0, r.lowerThreshold());
        assertEquals(Optional.empty(), r.tunnel());
        assertEquals(AddressFamily.INET, r.addressFamily());
    }

    @Test
    void printsAddressMethodAndWeight() {
        assertEquals("10.0.0.2:80 Route weight 1", RealServer.builder(ip("10.0.0.2"), 80).build().toString());
        assertEquals("[2001:db8::2]:80 Masq weight 3 thresholds 10..100",
                RealServer.builder(ip("2001:db8::2"), 80).masquerade().weight(3)
                        .upperThreshold(100).lowerThreshold(10).build().toString());
        assertEquals("10.0.0.2:80 Tunnel weight 1 tunnel gue:6080:+c",
                RealServer.builder(ip("10.0.0.2"), 80).tunnel(TunnelOptions.gue(6080, TunnelFlag.CSUM)).build().toString());
    }

    @Test
    void keyIsAddressAndPort() {
        RealServer r = RealServer.builder(ip("2001:db8::2"), 8080).weight(5).build();
        assertEquals(new RealServerAddress(ip("2001:db8::2"), 8080), r.key());
        assertEquals("[2001:db8::2]:8080", r.key().toString());
        assertEquals("10.0.0.2:80", new RealServerAddress(ip("10.0.0.2"), 80).toString());
    }

    @Test
    void negativeWeightIsRejectedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RealServer.builder(ip("10.0.0.2"), 80).weight(-1).build());
        assertTrue(e.getMessage().contains("weight -1"), e.getMessage());
    }

    @Test
    void weightZeroQuiesces() {
        assertEquals(0, RealServer.builder(ip("10.0.0.2"), 80).weight(0).build().weight());
    }

    @Test
    void lowerThresholdAboveUpperIsRejectedAsTheKernelDoes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RealServer.builder(ip("10.0.0.2"), 80).upperThreshold(10).lowerThreshold(20).build());
        assertTrue(e.getMessage().contains("20") && e.getMessage().contains("10"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RealServer.builder(ip("10.0.0.2"), 80).lowerThreshold(5).build());
    }

    @Test
    void negativeThresholdIsRejectedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RealServer.builder(ip("10.0.0.2"), 80).upperThreshold(-5).build());
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
    }

    @Test
    void portOutOfRangeIsRejectedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> RealServer.builder(ip("10.0.0.2"), 70000).build());
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
    }

    @Test
    void tunnelWithoutOptionsMeansIpip() {
        RealServer r = RealServer.builder(ip("10.0.0.2"), 80).forwarding(ForwardingMethod.TUNNEL).build();
        assertEquals(Optional.of(TunnelOptions.IPIP), r.tunnel());
        assertEquals(r, new RealServer(ip("10.0.0.2"), 80, ForwardingMethod.TUNNEL, 1, 0, 0, Optional.empty()));
    }

    @Test
    void tunnelOptionsWithoutTunnelForwardingAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RealServer(ip("10.0.0.2"), 80,
                ForwardingMethod.MASQUERADE, 1, 0, 0, Optional.of(TunnelOptions.gre())));
        assertTrue(e.getMessage().contains("MASQUERADE"), e.getMessage());
    }

    @Test
    void leavingTunnelInTheBuilderDropsTheOptions() {
        RealServer r = RealServer.builder(ip("10.0.0.2"), 80).tunnel(TunnelOptions.gre()).masquerade().build();
        assertEquals(Optional.empty(), r.tunnel());
    }

    @Test
    void ipv4RealServerMayBeModelledForAnyService() {
        RealServer r = RealServer.builder(ip("10.0.0.2"), 80).tunnel(TunnelOptions.IPIP).build();
        assertEquals(AddressFamily.INET, r.addressFamily());
    }

    @Test
    void withWeightAndToBuilderKeepTheRest() {
        RealServer r = RealServer.builder(ip("10.0.0.2"), 80).tunnel(TunnelOptions.gue(5555)).weight(4)
                .upperThreshold(9).lowerThreshold(3).build();
        assertEquals(r, r.toBuilder().build());
        RealServer drained = r.withWeight(0);
        assertEquals(0, drained.weight());
        assertEquals(r, drained.withWeight(4));
    }

    @Test
    void entryCarriesCountsAndStats() {
        RealServer r = RealServer.builder(ip("10.0.0.2"), 80).build();
        RealServerEntry e = new RealServerEntry(r, 3, 7, 1, Stats.ZERO);
        assertEquals(r.key(), e.key());
        assertEquals(7, e.inactiveConnections());
    }
}
