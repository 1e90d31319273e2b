package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Bad settings are refused with a message naming the setting; per-service policies start from the defaults. */
class HealthPolicyTest {
    static void rejected(String setting, Supplier<?> build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        assertTrue(e.getMessage().contains(setting), "message names " + setting + ": " + e.getMessage());
    }

    @Test
    void badNumbersAreRejectedNamingTheSetting() {
        rejected("interval", () -> HealthPolicy.builder().interval(Duration.ofSeconds(-1)).build());
        rejected("interval", () -> HealthPolicy.builder().interval(Duration.ZERO).build());
        rejected("rise", () -> HealthPolicy.builder().rise(0).build());
        rejected("fall", () -> HealthPolicy.builder().fall(-2).build());
        rejected("slowStart", () -> HealthPolicy.builder().slowStart(Duration.ofSeconds(-5), 4).build());
        rejected("slowStartSteps", () -> HealthPolicy.builder().slowStart(Duration.ofSeconds(5), 0).build());
    }

    @Test
    void badQuorumsAreRejectedNamingTheSetting() {
        rejected("minimum weight", () -> new Quorum(0, 0, new QuorumAction.Notify()));
        rejected("hysteresis", () -> new Quorum(3, -1, new QuorumAction.Notify()));
        rejected("hysteresis", () -> new Quorum(3, 3, new QuorumAction.Notify()));
        rejected("onLost", () -> new QuorumAction.RunCommand(List.of(" "), List.of()));
        rejected("quorum command", () -> new QuorumAction.RunCommand(List.of(), List.of()));
    }

    @Test
    void aServicePolicyOverridesOnlyWhatItSets() {
        HealthPolicy global = HealthPolicy.builder().interval(Duration.ofSeconds(2)).fall(4).build();

        HealthPolicy web = global.toBuilder().onFailure(FailureAction.REMOVE).build();

        assertEquals(Duration.ofSeconds(2), web.interval());
        assertEquals(4, web.fall());
        assertEquals(FailureAction.REMOVE, web.onFailure());
        assertEquals(FailureAction.QUIESCE, global.onFailure());
    }

    @Test
    void quorumHysteresisMakesLossAndRegainTwoDifferentEdges() {
        Quorum q = new Quorum(6, 1, new QuorumAction.Notify());

        assertEquals(List.of(false, true, false), List.of(q.lostAt(5), q.lostAt(4), q.regainedAt(6)));
        assertTrue(q.regainedAt(7));
    }

    @Test
    void aServiceListingARealServerTwiceOrItsSorryServerAsARealServerIsRejected() throws Exception {
        ServiceKey key = ServiceKey.tcp(InetAddress.getByName("10.0.0.1"), 80);
        RealServer rs = RealServer.builder(InetAddress.getByName("10.0.1.1"), 80).build();
        ScriptedCheck check = ScriptedCheck.of(new ScriptedCheck.Script());
        VirtualService vs = VirtualService.builder(key).build();

        rejected("listed twice", () -> new WatchedService(vs, List.of(WatchedServer.of(rs, check), WatchedServer.of(rs, check)),
                HealthPolicy.defaults()));
        rejected("sorry server", () -> new WatchedService(vs, List.of(WatchedServer.of(rs, check)),
                HealthPolicy.builder().sorryServer(rs).build()));
        rejected("port 0", () -> new WatchedServer(rs, check, new InetSocketAddress(rs.address(), 0)));
    }
}
