package io.jlvs.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ResultTest {

    @Test
    void ratioIsTheValueDividedByThePeers() {
        Result r = Result.of("bulk-load", "load", 2.0, "s").against("ipvsadm -R", 10.0);
        assertEquals(Optional.of(0.2), r.ratio());
    }

    @Test
    void aRatioGoalPassesAtItsBoundAndMissesBeyondIt() {
        Goal fiveTimesFaster = Goal.ratioAtMost(0.2, "5x faster");
        assertEquals(Optional.of(true), Result.of("r", "n", 2, "s").against("p", 10).goal(fiveTimesFaster).pass());
        assertEquals(Optional.of(false), Result.of("r", "n", 3, "s").against("p", 10).goal(fiveTimesFaster).pass());
    }

    @Test
    void aValueGoalJudgesTheValueAlone() {
        Goal twoRoundTrips = Goal.valueAtMost(2, "<= 2 round trips");
        assertEquals(Optional.of(true), Result.of("r", "n", 1, "round trips").goal(twoRoundTrips).pass());
        assertEquals(Optional.of(false), Result.of("r", "n", 3, "round trips").goal(twoRoundTrips).pass());
        assertEquals(Optional.of(true), Result.of("r", "n", 5, "x").goal(Goal.valueAtLeast(5, "at least 5")).pass());
    }

    @Test
    void withoutGoalThereIsNoVerdict() {
        assertEquals(Optional.empty(), Result.of("r", "n", 1, "s").against("p", 2).pass());
    }

    @Test
    void aZeroPeerGivesNoRatioRatherThanInfinity() {
        Result r = Result.of("r", "n", 1, "s").against("p", 0).goal(Goal.ratioAtMost(1, "no slower"));
        assertEquals(Optional.empty(), r.ratio());
        assertEquals(Optional.empty(), r.pass());
    }

    @Test
    void aRatioGoalWithoutPeerIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Result.of("listing", "list", 1, "s").goal(Goal.ratioAtMost(1, "no slower")));
        assertTrue(e.getMessage().contains("listing/list"), e.getMessage());
    }

    @Test
    void aNonFiniteMeasurementIsRefusedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> Result.of("r", "speed", Double.NaN, "ops/s"));
        assertTrue(e.getMessage().contains("r/speed"), e.getMessage());
    }

    @Test
    void theLineShowsValuePeerRatioGoalAndVerdict() {
        String line = Result.of("bulk-load", "load 10000x5", 1.5, "s").against("ipvsadm -R", 15)
                .goal(Goal.ratioAtMost(0.2, "jLVS at least 5x faster")).line();
        assertTrue(line.contains("1.5 s"), line);
        assertTrue(line.contains("ipvsadm -R 15 s"), line);
        assertTrue(line.contains("ratio 0.1000"), line);
        assertTrue(line.contains("goal ratio <= 0.2000 (jLVS at least 5x faster) PASS"), line);
    }

    @Test
    void aResultInRoundsIsTheirMedianAndItsLineShowsMinMedianMax() {
        Result r = Result.ofRounds("bulk-load", "load", Rounds.of(2.0, 1.0, 4.0), "s")
                .againstRounds("ipvsadm -R", Rounds.of(10, 30, 20, 40));
        assertEquals(2.0, r.value());
        assertEquals(25.0, r.peer().orElseThrow().value());
        assertEquals(Optional.of(0.08), r.ratio());
        String line = r.line();
        assertTrue(line.contains("2 s            (min 1, median 2, max 4 of 3)"), line);
        assertTrue(line.contains("ipvsadm -R 25 s (min 10, median 25, max 40 of 4)"), line);
    }

    @Test
    void roundsRefuseNothingAndNonFiniteValues() {
        assertThrows(IllegalArgumentException.class, Rounds::of);
        assertThrows(IllegalArgumentException.class, () -> Rounds.of(1, Double.POSITIVE_INFINITY));
    }

    @Test
    void numbersKeepFourSignificantDigitsWithoutExponent() {
        assertEquals("51088", Result.number(51_087.6));
        assertEquals("0.007473", Result.number(0.0074734));
        assertEquals("12", Result.number(12));
    }
}
