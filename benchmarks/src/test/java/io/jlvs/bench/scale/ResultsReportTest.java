package io.jlvs.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReportTest {

    @Test
    void aTablePerRunWithRoundsPeersRatiosGoalsAndVerdicts(@TempDir Path dir) throws Exception {
        var env = ResultsFile.Environment.current("abc123", Instant.parse("2026-12-04T17:00:00Z"), false,
                Map.of("machine", "QEMU guest, 2 vCPUs"));
        Result load = Result.ofRounds("bulk-load", "load", Rounds.of(3, 2, 1), "s")
                .againstRounds("ipvsadm -R", Rounds.of(20, 25, 15))
                .goal(Goal.ratioAtMost(0.2, "5x faster"));
        Result missed = Result.of("bulk-load", "floor", 2, "s").against("raw floor", 1)
                .goal(Goal.ratioAtMost(1.15, "near the floor"));
        Result count = Result.of("bulk-load", "datagrams | sent", 131, "datagrams");
        Path file = dir.resolve("r.json");
        ResultsFile.write(file, env, List.of(
                new RunOutcome("bulk-load", Duration.ofSeconds(30), List.of(load, missed, count), Optional.empty()),
                new RunOutcome("listing", Duration.ofSeconds(2), List.of(), Optional.of("ipvsadm exited 1\nno table"))));

        String report = ResultsReport.of(List.of(file));

        assertTrue(report.startsWith("Results file `r.json`: "), report);
        assertTrue(report.contains("commit abc123"), report);
        assertTrue(report.contains("QEMU guest, 2 vCPUs"), report);
        List<String> lines = report.lines().toList();
        assertTrue(lines.contains("| load | 1 / **2** / 3 s (3) | ipvsadm -R | 15 / **20** / 25 s (3) | 0.1000 | ratio <= 0.2000 (5x faster) | met |"), report);
        assertTrue(lines.contains("| floor | 2 s | raw floor | 1 s | 2 | ratio <= 1.150 (near the floor) | **missed** |"), report);
        assertTrue(lines.contains("| datagrams \\| sent | 131 datagrams |  |  |  |  |  |"), report);
        assertTrue(report.contains("`listing` (2 s, host): **failed**: ipvsadm exited 1 no table"), report);
        assertEquals(1, report.lines().filter(l -> l.startsWith("| Figure")).count(), "no table for a failed run");
    }

    @Test
    void aFileThatIsNotAResultsFileIsNamedInTheError(@TempDir Path dir) throws Exception {
        Path other = Files.writeString(dir.resolve("other.json"), "{\"format\": 7}");
        IOException e = assertThrows(IOException.class, () -> ResultsReport.of(List.of(other)));
        assertTrue(e.getMessage().contains("other.json"), e.getMessage());
        Path broken = Files.writeString(dir.resolve("broken.json"), "{");
        e = assertThrows(IOException.class, () -> ResultsReport.of(List.of(broken)));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
    }
}
