package io.jlvs.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.AlreadyExistsException;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.InMemoryIpvs;
import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.NoSuchRealServerException;
import io.jlvs.ipvs.NoSuchServiceException;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How to test your own code that programs IPVS (here {@link CanaryWeights}) without a kernel or root:
 * hand it a client of {@link InMemoryIpvs}, set the table up through the same client, call your
 * code, and assert on the table the fake now holds, or on the typed error it raised as a kernel
 * would. Copy this file and replace CanaryWeights with your class.
 */
class UserCodeWithFakeIpvsTest {
    private static final ServiceKey WEB = ServiceKey.tcp(ip("10.23.8.80"), 80);
    private static final RealServer STABLE = RealServer.builder(ip("192.168.1.2"), 8080).masquerade()
            .weight(100).upperThreshold(500).build();
    private static final RealServer CANARY = RealServer.builder(ip("192.168.1.3"), 8080).masquerade()
            .weight(0).build();

    private IpvsClient ipvs;
    private CanaryWeights canary;

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);   // a literal: no name lookup
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @BeforeEach
    void givenAServiceWithAStableServerAndAnIdleCanary() {
        ipvs = new InMemoryIpvs().open();   // an empty table of its own for every test
        ipvs.addService(VirtualService.builder(WEB).build());
        ipvs.addRealServer(WEB, STABLE);
        ipvs.addRealServer(WEB, CANARY);
        canary = new CanaryWeights(ipvs, WEB, STABLE.key(), CANARY.key());
    }

    @AfterEach
    void close() {
        ipvs.close();
    }

    private Map<RealServerAddress, RealServer> servers() {
        return ipvs.realServers(WEB).stream().map(RealServerEntry::server)
                .collect(Collectors.toMap(RealServer::key, s -> s));
    }

    @Test
    void shiftingGivesTheCanaryItsShareAndKeepsEveryOtherSetting() {
        canary.shift(10);

        assertEquals(90, servers().get(STABLE.key()).weight());
        assertEquals(10, servers().get(CANARY.key()).weight());
        assertEquals(ForwardingMethod.MASQUERADE, servers().get(STABLE.key()).forwarding());
        assertEquals(500, servers().get(STABLE.key()).upperThreshold(), "only the weight was edited");
    }

    @Test
    void aFullShiftTakesTheStableServerToWeightZeroWithoutRemovingIt() {
        canary.shift(100);

        assertEquals(Map.of(STABLE.key(), STABLE.withWeight(0), CANARY.key(), CANARY.withWeight(100)), servers());
    }

    @Test
    void aMissingCanaryIsTheFakesNoSuchRealServerAndNothingChanged() {
        ipvs.deleteRealServer(WEB, CANARY.key());   // someone removed it meanwhile

        NoSuchRealServerException e = assertThrows(NoSuchRealServerException.class, () -> canary.shift(10));

        assertTrue(e.getMessage().contains("192.168.1.3:8080"), e.getMessage());
        assertEquals(100, servers().get(STABLE.key()).weight(), "the stable server was not touched");
    }

    @Test
    void aDeletedServiceIsTheFakesNoSuchService() {
        ipvs.deleteService(WEB);

        assertThrows(NoSuchServiceException.class, () -> canary.shift(10));
    }

    @Test
    void aPercentOutOfRangeIsRefusedBeforeIpvsIsAsked() {
        assertThrows(IllegalArgumentException.class, () -> canary.shift(101));
        assertEquals(Map.of(STABLE.key(), STABLE, CANARY.key(), CANARY), servers());
    }

    @Test
    void theFakeRefusesWhatTheKernelRefuses() {
        // Not CanaryWeights: the fake checks the test's own set-up too, as a kernel would.
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> ipvs.addRealServer(WEB, CANARY));
        assertEquals(17, e.errno(), "EEXIST, as the kernel answers");
    }
}
