package io.jlvs.director;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.MonitorHealthPort;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.StandaloneRole;
import io.jlvs.testing.Poll;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The health a director's status shows for a server whose checks pass from the start. The monitor
 * reports changes only, and such a server starts up and stays up, so no verdict ever reaches the
 * director: its status must still say what the checks found, not "UNKNOWN, not checked yet".
 */
class DirectorStatusHealthTest {

    @Test
    @Timeout(60)
    void aServerUpFromItsFirstCheckShowsUpWithWhatTheCheckFound() throws Exception {
        try (DirectorSlowControlClientsTest.LoopbackServer real = new DirectorSlowControlClientsTest.LoopbackServer()) {
            DirectorParts parts = new DirectorParts(
                    new Fixtures.ScriptedLoader(Fixtures.parse(DirectorSlowControlClientsTest.config(real.socket.getLocalPort()))),
                    c -> new MonitorHealthPort(), c -> new StandaloneRole(Role.ACTIVE), ns -> new MemoryKernel());
            try (Director d = Director.start(Fixtures.settings().build(), parts)) {
                DirectorStatus.Server web1 = Poll.until(Duration.ofSeconds(20), "web1 checked",
                        () -> server(d), s -> !s.health().equals("UNKNOWN"));

                assertEquals("UP", web1.health(), web1.toString());
                assertTrue(!web1.reason().isBlank() && !web1.reason().equals("not checked yet"), web1.toString());
            }
        }
    }

    private static DirectorStatus.Server server(Director d) {
        return d.status().services().get(0).servers().get(0);
    }
}
