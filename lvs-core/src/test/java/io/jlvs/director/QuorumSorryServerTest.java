package io.jlvs.director;

import static io.jlvs.director.Fixtures.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.config.Configuration;
import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.HealthPort;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.StandaloneRole;
import io.jlvs.ipvs.RealServerEntry;
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

    /** A director on the in-memory kernel whose health port the test speaks for. */
    static final class Rig implements AutoCloseable {
        final MemoryKernel kernel = new MemoryKernel();
        final ScriptedHealth health = new ScriptedHealth();
        final Fixtures.ScriptedLoader loader;
        final Director director;

        Rig(String text) throws Exception {
            loader = new Fixtures.ScriptedLoader(Fixtures.parse(text));
            director = Director.start(Fixtures.settings().build(), new DirectorParts(loader, c -> health,
                    c -> new StandaloneRole(Role.ACTIVE), ns -> kernel));
            director.awaitIdle();
        }

        /** The monitor says the quorum is {@code held} or lost; returns the kernel's table once applied. */
        Map<String, Integer> quorum(boolean held) throws Exception {
            health.sink.quorum(WEB, held);
            director.awaitIdle();
            return table();
        }

        Map<String, Integer> reload(String text) throws Exception {
            loader.next = Fixtures.parse(text);
            director.reload();
            director.awaitIdle();
            return table();
        }

        /** Address -> weight of the web service's real servers in the kernel. */
        Map<String, Integer> table() {
            Map<String, Integer> out = new TreeMap<>();
            for (RealServerEntry e : kernel.realServers(WEB)) {
                out.put(e.server().address().getHostAddress(), e.server().weight());
            }
            return out;
        }

        @Override
        public void close() {
            director.close();
        }
    }

    static final Map<String, Integer> BOTH_UP = Map.of("192.168.1.2", 3, "192.168.1.3", 2);

    @Test
    void aLostQuorumSwapsTheSorryServerInAndARegainedOneSwapsItOut() throws Exception {
        try (Rig r = new Rig(TEXT.formatted("check_quorum = 5", ""))) {
            assertEquals(BOTH_UP, r.table(), "quorum held: no sorry server");
            assertEquals(Map.of("192.168.1.99", 1), r.quorum(false), "the sorry server alone, though both servers are up");
            assertEquals(BOTH_UP, r.quorum(true));
        }
    }

    @Test
    void aQuiesceServerStaysAtWeightZeroWhileTheSorryServerServes() throws Exception {
        try (Rig r = new Rig(TEXT.formatted("check_quorum = 5", "quiesce_server = 1"))) {
            assertEquals(Map.of("192.168.1.2", 0, "192.168.1.99", 1), r.quorum(false));
        }
    }

    @Test
    void aReloadThatDropsTheQuorumForgetsThatItWasLost() throws Exception {
        try (Rig r = new Rig(TEXT.formatted("check_quorum = 5", ""))) {
            r.quorum(false);
            assertEquals(BOTH_UP, r.reload(TEXT.formatted("", "")), "no quorum, servers up: no sorry server");
            assertEquals(BOTH_UP, r.reload(TEXT.formatted("check_quorum = 5", "")),
                    "a quorum configured again starts held until the monitor says otherwise");
        }
    }

    @Test
    void withoutASorryServerALostQuorumLeavesTheTableAlone() throws Exception {
        try (Rig r = new Rig(TEXT.formatted("check_quorum = 5", "").replace("sorry_server = 192.168.1.99", ""))) {
            assertEquals(BOTH_UP, r.quorum(false));
        }
    }
}
