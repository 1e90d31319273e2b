package io.jlvs.failover;

import static io.jlvs.testing.LinkedNamespaces.INTERFACE;
import static io.jlvs.testing.LinkedNamespaces.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.netlink.route.MacAddress;
import io.jlvs.netlink.route.RouteClient;
import io.jlvs.testing.LinkedNamespaces;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 5227 probes from the "director" namespace, answered (or not) by the peer's kernel. Needs root. */
@Timeout(60)
class ArpProbeLiveTest {
    private LinkedNamespaces net;
    private RouteClient route;

    @BeforeEach
    void setUp() {
        net = LinkedNamespaces.create();
        sh(net.director(), "ip addr add 10.77.0.1/24 dev eth0");
        sh(net.peer(), "ip addr add 10.77.0.2/24 dev eth0");
        route = RouteClient.open(net.directorNamespace());
    }

    @AfterEach
    void tearDown() {
        if (route != null) {
            route.close();
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void findsTheNamespaceThatStillHoldsTheVip() throws Exception {
        sh(net.peer(), "ip addr add 10.77.0.100/24 dev eth0");
        Optional<MacAddress> owner = new ArpProbe(route).whoHas(INTERFACE,
                (Inet4Address) InetAddress.getByName("10.77.0.100"), Duration.ofSeconds(3));
        assertEquals(Optional.of(LinkedNamespaces.mac(net.peer())), owner.map(MacAddress::toString));
    }

    @Test
    void reportsAVipNoOneHoldsAsFree() throws Exception {
        assertTrue(new ArpProbe(route).isFree(INTERFACE, (Inet4Address) InetAddress.getByName("10.77.0.100"),
                Duration.ofMillis(600)));
    }
}
