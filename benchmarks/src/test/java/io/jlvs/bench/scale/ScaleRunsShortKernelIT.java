package io.jlvs.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jlvs.ipvs.Ipvs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves in CI that every registered scale run still works: each runs once in short mode (small tables)
 * against the real kernel and must finish with at least one result, and the results file must hold them.
 * Nothing here looks at a timing: speed is the business of the full runs (scripts/bench).
 */
@Tag("kernel")
class ScaleRunsShortKernelIT {

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void everyScaleRunCompletesInShortMode(@TempDir Path dir) throws Exception {
        assertTrue(Ipvs.unavailabilityCause().isEmpty(),
                () -> "the scale runs need IPVS and root: " + Ipvs.unavailabilityCause().orElseThrow());
        List<ScaleRun> runs = ScaleRunner.select(List.of("all"));
        assertFalse(runs.isEmpty(), "no scale run is registered in META-INF/services");

        List<RunOutcome> outcomes = new ScaleRunner(true, dir.resolve("work")).runAll(runs);

        for (RunOutcome o : outcomes) {
            assertTrue(o.completed(), () -> o.run() + " failed: " + o.error().orElseThrow());
            assertFalse(o.results().isEmpty(), () -> o.run() + " returned no result");
        }
        Path file = dir.resolve("results.json");
        ResultsFile.write(file, ResultsFile.Environment.current("test", Instant.now(), true, Map.of()), outcomes);
        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertEquals(runs.size(), json.get("runs").size());
        assertEquals(outcomes.stream().mapToInt(o -> o.results().size()).sum(), json.get("results").size());
    }
}
