package io.jlvs.bench.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HealthFanoutRoundsTest {

    @Test
    void eachRoundIsAWindowOfItsOwnOnTheSameMonitor() throws Exception {
        List<String> log = new ArrayList<>();
        // 40 servers (2 refusing, 0 timing out at 5 % / 1 %), every 200 ms: each 1 s window sees ~200 probes.
        List<HealthFanout.Measurement> ms = HealthFanoutRun.measure(40, Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofMillis(500), 2, log::add);
        assertEquals(2, ms.size(), log.toString());
        for (HealthFanout.Measurement m : ms) {
            assertTrue(m.seconds() >= 1 && m.seconds() < 5, "a window lasts the measured second: " + m.seconds());
            // Counted in its own window only: not the warm-up's, not the other round's (that would double it).
            assertTrue(m.probes() > 120 && m.probes() < 300, "probes in one 1 s window of 40 x 5/s: " + m.probes());
            assertEquals(0, m.unexpected(), m.line("round"));
            assertEquals(m.probes(), m.verdicts(Verdict.UP) + m.verdicts(Verdict.REFUSED) + m.verdicts(Verdict.TIMED_OUT)
                    + m.verdicts(Verdict.OTHER), "every probe has one verdict");
        }
        assertEquals(1, log.stream().filter(l -> l.startsWith("round 2 of 2")).count(), log.toString());
    }

    @Test
    void noRoundsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HealthFanoutRun.measure(10,
                Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ZERO, 0, line -> { }));
        assertTrue(e.getMessage().contains("rounds must be at least 1, not 0"), e.getMessage());
    }
}
