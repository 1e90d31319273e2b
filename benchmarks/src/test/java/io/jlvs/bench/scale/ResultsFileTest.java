package io.jlvs.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {
    private static final Instant START = Instant.parse("2026-11-25T19:30:05.123Z");

    @Test
    void writesEnvironmentRunsAndEveryResultWithRatioAndVerdict(@TempDir Path dir) throws Exception {
        var env = ResultsFile.Environment.current("abc123", START, false, Map.of("machine", "test box"));
        Result load = Result.ofRounds("bulk-load", "load", Rounds.of(3, 2, 1), "s")
                .againstRounds("ipvsadm -R", Rounds.of(20, 25, 15))
                .goal(Goal.ratioAtMost(0.2, "5x faster"));
        Result trips = Result.of("weight-change", "round trips", 3, "round trips")
                .goal(Goal.valueAtMost(2, "at most 2"));
        List<RunOutcome> outcomes = List.of(
                new RunOutcome("bulk-load", Duration.ofSeconds(3), List.of(load), Optional.empty()),
                new RunOutcome("weight-change", Duration.ofSeconds(1), List.of(trips), Optional.empty()),
                new RunOutcome("listing", Duration.ofMillis(500), List.of(), Optional.of("boom")));
        Path file = dir.resolve("sub/r.json");

        ResultsFile.write(file, env, outcomes);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(ResultsFile.FORMAT, json.get("format").asInt());
        assertEquals("abc123", json.get("commit").asText());
        assertEquals("test box", json.get("environment").get("machine").asText());
        assertEquals(3, json.get("runs").size());
        assertFalse(json.get("runs").get(2).get("completed").asBoolean());
        assertEquals("boom", json.get("runs").get(2).get("error").asText());
        JsonNode first = json.get("results").get(0);
        assertEquals("ipvsadm -R", first.get("peer").asText());
        assertEquals(0.1, first.get("ratio").asDouble(), 1e-12);
        assertTrue(first.get("pass").asBoolean());
        assertEquals(2, first.get("value").asDouble());
        assertEquals(List.of(3.0, 2.0, 1.0), doubles(first.get("rounds")));
        assertEquals(1, first.get("min").asDouble());
        assertEquals(3, first.get("max").asDouble());
        assertEquals(List.of(20.0, 25.0, 15.0), doubles(first.get("peerRounds")));
        assertEquals(15, first.get("peerMin").asDouble());
        assertEquals(25, first.get("peerMax").asDouble());
        JsonNode second = json.get("results").get(1);
        assertFalse(second.has("peer"));
        assertFalse(second.has("rounds"), "a single value has no rounds, as in files from before rounds");
        assertFalse(second.get("pass").asBoolean());
        assertEquals("value <= 2", second.get("goalCondition").asText());
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> out = new java.util.ArrayList<>();
        array.forEach(v -> out.add(v.asDouble()));
        return out;
    }

    @Test
    void theDefaultNameSortsByTimeAndNamesCommitAndMode() {
        var full = ResultsFile.Environment.current("abc123", START, false, Map.of());
        var quick = ResultsFile.Environment.current("abc123", START, true, Map.of());
        assertEquals("2026-11-25T193005Z-abc123.json", ResultsFile.defaultName(full));
        assertEquals("2026-11-25T193005Z-abc123-short.json", ResultsFile.defaultName(quick));
    }
}
