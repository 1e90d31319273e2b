package io.jlvs.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScaleMainTest {

    @Test
    void parsesModeCommitOutputAndRunNames() {
        var o = ScaleMain.parse(new String[] {"--short", "--commit", "abc", "--out", "/tmp/x.json", "bulk-load", "listing"});
        assertTrue(o.shortMode());
        assertEquals("abc", o.commit());
        assertEquals(Path.of("/tmp/x.json"), o.out());
        assertEquals(List.of("bulk-load", "listing"), o.runs());
    }

    @Test
    void refusesAnUnknownOptionAndAMissingValue() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> ScaleMain.parse(new String[] {"--fast"}));
        assertTrue(unknown.getMessage().contains("--fast"));
        var missing = assertThrows(IllegalArgumentException.class, () -> ScaleMain.parse(new String[] {"--out"}));
        assertTrue(missing.getMessage().contains("--out needs a value"));
    }

    @Test
    void refusesACommitThatCouldNotBeAFileName() {
        var e = assertThrows(IllegalArgumentException.class, () -> ScaleMain.parse(new String[] {"--commit", "../x"}));
        assertTrue(e.getMessage().contains("--commit"));
    }

    @Test
    void theTableRunsAreRegisteredAndAnUnknownNameListsTheKnownOnes() {
        assertTrue(ScaleRunner.available().keySet().containsAll(List.of("bulk-load", "listing", "weight-change", "op-latency")));
        var e = assertThrows(IllegalArgumentException.class, () -> ScaleRunner.select(List.of("nope")));
        assertTrue(e.getMessage().contains("bulk-load"), e.getMessage());
    }
}
