package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.config.LvsCf;
import io.jlvs.ipvs.ServiceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The monitor's quorum events reach the director's sink (which swaps the sorry server): a quorum no
 * configured weight can reach is lost as the monitor starts, and the sink hears it once.
 */
@Timeout(30)
class QuorumEventsTest {

    @Test
    void aQuorumLostAtStartIsReportedToTheSink() throws Exception {
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        HealthPort.Sink sink = new HealthPort.Sink() {
            @Override
            public void verdict(ServerRef ref, HealthState state) {
            }

            @Override
            public void quorum(ServiceKey service, boolean held) {
                heard.add(service + " " + (held ? "held" : "lost"));
            }
        };
        var config = LvsCf.parse("lvs.cf", """
                keepalive = 60
                deadtime = 180
                virtual web {
                     address = 127.0.0.1
                     port = 9
                     check_quorum = 100
                     server a {
                         address = 127.0.0.2
                     }
                }
                """).configuration();
        try (MonitorHealthPort port = new MonitorHealthPort()) {
            port.watch(config, sink);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (heard.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertEquals(List.of(config.virtualServers().get(0).serviceKey() + " lost"), List.copyOf(heard));
    }
}
