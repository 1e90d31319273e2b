package io.jlvs.director;

import static io.jlvs.director.Fixtures.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.config.Configuration;
import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.HealthPort;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.StandaloneRole;
import io.jlvs.ipvs.RealServerEntry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * keepalived's rule for a lost quorum: the sorry server takes the traffic and the servers still up
 * leave the kernel table (a quiesce_server one stays at weight 0), until the quorum is regained. The
 * health port is scripted, so the test says exactly when the monitor reported the quorum; the table is
 * the in-memory kernel's.
 */
class QuorumSorryServerTest {
    static final String TEXT = """
            network = nat
            nat_router = 192.168.1.254 eth1:1
            virtual http {
                 address = 10.23.8.80 eth0:1
                 port = 80
                 scheduler = wlc
                 sorry_server = 192.168.1.99
                 %s
                 server web1 {
                     address = 192.168.1.2
                     weight = 3
                     %s
                 }
                 server web2 {
                     address = 192.168.1.3
                     weight = 2
                 }
            }
            """;

    /** The sink the director gave its health port, for the test to speak as the monitor. */
    static final class ScriptedHealth implements HealthPort {
        volatile Sink sink;

        @Override
        public void watch(Configuration config, Sink sink) {
            this.sink = sink;
        }

        @Override
        public void close() {
        }
    }

    private static Map<String, Integer> table(MemoryKernel k) {
        Map<String, Integer> out = new TreeMap<>();
        for (RealServerEntry e : k.realServers(WEB)) {
            out.put(e.server().address().getHostAddress(), e.server().weight());
        }
        return out;
    }

    private static Director start(MemoryKernel k, ScriptedHealth health, Fixtures.ScriptedLoader loader) throws Exception {
        DirectorParts parts = new DirectorParts(loader, c -> health, c -> new StandaloneRole(Role.ACTIVE), ns -> k);
        return Director.start(Fixtures.settings().build(), parts);
    }

    @Test
    void aLostQuorumSwapsTheSorryServerInAndARegainedOneSwapsItOut() throws Exception {
        MemoryKernel k = new MemoryKernel();
        ScriptedHealth health = new ScriptedHealth();
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(Fixtures.parse(TEXT.formatted("check_quorum = 5", "")));
        try (Director d = start(k, health, loader)) {
            d.awaitIdle();
            assertEquals(Map.of("192.168.1.2", 3, "192.168.1.3", 2), table(k), "quorum held: no sorry server");

            health.sink.quorum(WEB, false);
            d.awaitIdle();
            assertEquals(Map.of("192.168.1.99", 1), table(k), "the sorry server alone, though both servers are up");

            health.sink.quorum(WEB, true);
            d.awaitIdle();
            assertEquals(Map.of("192.168.1.2", 3, "192.168.1.3", 2), table(k));
        }
    }

    @Test
    void aQuiesceServerStaysAtWeightZeroWhileTheSorryServerServes() throws Exception {
        MemoryKernel k = new MemoryKernel();
        ScriptedHealth health = new ScriptedHealth();
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(
                Fixtures.parse(TEXT.formatted("check_quorum = 5", "quiesce_server = 1")));
        try (Director d = start(k, health, loader)) {
            d.awaitIdle();
            health.sink.quorum(WEB, false);
            d.awaitIdle();
            assertEquals(Map.of("192.168.1.2", 0, "192.168.1.99", 1), table(k));
        }
    }

    @Test
    void aReloadThatDropsTheQuorumForgetsThatItWasLost() throws Exception {
        MemoryKernel k = new MemoryKernel();
        ScriptedHealth health = new ScriptedHealth();
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(Fixtures.parse(TEXT.formatted("check_quorum = 5", "")));
        try (Director d = start(k, health, loader)) {
            d.awaitIdle();
            health.sink.quorum(WEB, false);
            d.awaitIdle();
            loader.next = Fixtures.parse(TEXT.formatted("", ""));
            d.reload();
            d.awaitIdle();
            assertEquals(Map.of("192.168.1.2", 3, "192.168.1.3", 2), table(k), "no quorum, servers up: no sorry server");
            loader.next = Fixtures.parse(TEXT.formatted("check_quorum = 5", ""));
            d.reload();
            d.awaitIdle();
            assertEquals(Map.of("192.168.1.2", 3, "192.168.1.3", 2), table(k),
                    "a quorum configured again starts held until the monitor says otherwise");
        }
    }

    @Test
    void withoutASorryServerALostQuorumLeavesTheTableAlone() throws Exception {
        MemoryKernel k = new MemoryKernel();
        ScriptedHealth health = new ScriptedHealth();
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(Fixtures.parse(
                TEXT.formatted("check_quorum = 5", "").replace("sorry_server = 192.168.1.99", "")));
        try (Director d = start(k, health, loader)) {
            d.awaitIdle();
            health.sink.quorum(WEB, false);
            d.awaitIdle();
            assertEquals(Map.of("192.168.1.2", 3, "192.168.1.3", 2), table(k));
        }
    }
}
