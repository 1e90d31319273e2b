package io.jlvs.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.testing.Poll;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A heartbeat loop that dies does not leave an ACTIVE node behind: FAULT, then the failure handler. */
class FailoverNodeFailureTest {
    private static final Duration KEEPALIVE = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void anActiveNodeWhoseHeartbeatLoopDiesGoesToFaultAndReportsTheFailure() throws Exception {
        LoopbackPair pair = new LoopbackPair(31);
        LoopbackPair.Recorder events = new LoopbackPair.Recorder();
        AtomicBoolean broken = new AtomicBoolean();
        IllegalStateException injected = new IllegalStateException("injected failure in the heartbeat loop");
        CompletableFuture<Throwable> reported = new CompletableFuture<>();
        // Alone (its peer never answers), the node becomes ACTIVE; then sending a heartbeat throws.
        try (FailoverNode node = FailoverNode.builder(pair.config(1, 200, KEEPALIVE).build())
                .sendFilter(p -> {
                    if (broken.get()) {
                        throw injected;
                    }
                    return true;
                })
                .listener(events).onFailure(reported::complete).start()) {
            Poll.until(WAIT, "node ACTIVE", node::role, r -> r == Role.ACTIVE);
            broken.set(true);

            assertSame(injected, reported.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(Role.FAULT, node.role());
            // The listeners (a Takeover in a director) heard the node leave ACTIVE: addresses released.
            Poll.until(WAIT, "FAULT delivered to listeners", () -> events.roles.getLast().current(), r -> r == Role.FAULT);
            RoleChange last = events.roles.getLast();
            assertEquals(Role.ACTIVE, last.previous());
            assertTrue(last.reason().contains("heartbeat loop failed"), last.reason());
            broken.set(false); // lets close() send its goodbye
        }
    }
}
