package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.RoleScripts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** track_script: fall failures in a row make a fault, rise successes in a row clear it; it starts healthy. */
class TrackScriptTest {
    private static RoleScripts track(String command, int fall, int rise) {
        return new RoleScripts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(30), Optional.of(command), Duration.ofMillis(100),
                Duration.ofSeconds(5), fall, rise);
    }

    @Test
    void fallFailuresInARowMakeAFaultAndRiseSuccessesClearIt() {
        try (TrackScript t = new TrackScript(track("/x/check", 2, 3), List.of())) {
            assertEquals(Optional.empty(), t.fault());
            t.record(Optional.of("exit status 1"));
            t.record(Optional.empty());
            t.record(Optional.of("exit status 1"));
            assertEquals(Optional.empty(), t.fault(), "failures not in a row");
            t.record(Optional.of("exit status 2: nginx not running"));
            assertEquals(Optional.of("track_script /x/check failed 2 time(s) in a row: exit status 2: nginx not running"),
                    t.fault());
            t.record(Optional.empty());
            t.record(Optional.empty());
            assertTrue(t.fault().isPresent(), "two successes of three");
            t.record(Optional.empty());
            assertEquals(Optional.empty(), t.fault());
        }
    }

    @Test
    void aRealFailingProgramFaultsAndATimeoutIsAFailure() throws Exception {
        try (TrackScript t = new TrackScript(track("/bin/false", 1, 1), List.of()).start()) {
            awaitFault(t);
            assertTrue(t.fault().get().contains("exit status 1"), t.fault().get());
        }
        RoleScripts slow = new RoleScripts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(30), Optional.of("/bin/sleep 30"),
                Duration.ofMillis(100), Duration.ofMillis(200), 1, 1);
        try (TrackScript t = new TrackScript(slow, List.of()).start()) {
            awaitFault(t);
            assertTrue(t.fault().get().contains("killed after 200 ms"), t.fault().get());
        }
        try (TrackScript t = new TrackScript(track("/bin/true", 1, 1), List.of()).start()) {
            Thread.sleep(500);
            assertEquals(Optional.empty(), t.fault());
        }
    }

    private static void awaitFault(TrackScript t) throws InterruptedException {
        for (int i = 0; i < 300 && t.fault().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertTrue(t.fault().isPresent(), "no fault within 15 s");
    }
}
