package io.jlvs.cli.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the programs log, seen from outside: a child JVM whose stderr is a file logs in the terminal form,
 * and in journald's form (a priority on every line, no timestamp) only when {@code JOURNAL_STREAM} names
 * that very file, as systemd sets it; and the levels {@code --log-level} and {@code jlvsctl log-level} set.
 */
class JournalLoggingTest {
    @TempDir
    Path dir;

    private List<String> probe(Optional<String> journalStream) throws Exception {
        Path err = dir.resolve("stderr-" + System.nanoTime());
        Files.createFile(err);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LogProbe.class.getName())
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("JOURNAL_STREAM");
        journalStream.ifPresent(v -> pb.environment().put("JOURNAL_STREAM", v.replace("FILE", idOf(err))));
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return Files.readAllLines(err);
    }

    private static String idOf(Path file) {
        try {
            return Files.getAttribute(file, "unix:dev") + ":" + Files.getAttribute(file, "unix:ino");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void underSystemdEveryLineCarriesItsPriorityAndNoTimestamp() throws Exception {
        List<String> lines = probe(Optional.of("FILE"));
        assertEquals("<6>INFO  LogProbe - event=probe level=info", lines.get(0));
        assertEquals("<4>WARN  LogProbe - event=probe level=warn", lines.get(1));
        assertEquals("<3>ERROR LogProbe - event=probe level=error", lines.get(2));
        assertEquals("<3>java.lang.IllegalStateException: injected", lines.get(3));
        assertTrue(lines.size() > 4 && lines.subList(3, lines.size()).stream().allMatch(l -> l.startsWith("<3>")), lines.toString());
    }

    @Test
    void elsewhereALineHasATimestampAndNoPriority() throws Exception {
        for (Optional<String> stream : List.of(Optional.<String>empty(), Optional.of("1:2"), Optional.of("junk"))) {
            List<String> lines = probe(stream);
            assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* INFO  LogProbe - event=probe level=info"),
                    stream + ": " + lines.get(0));
            assertFalse(lines.stream().anyMatch(l -> l.startsWith("<")), stream + ": " + lines);
            assertFalse(lines.stream().anyMatch(l -> l.contains("not shown")), "info is the default level");
        }
    }

    @Test
    void levelsChangeForTheRootOrOneLogger() {
        LoggerContext context = new LoggerContext();
        LogbackLevels levels = new LogbackLevels(context);
        assertEquals("root: debug (was debug)", levels.set(Optional.empty(), "DEBUG"));
        assertEquals("io.jlvs.health: trace (was inherited debug)", levels.set(Optional.of("io.jlvs.health"), "trace"));
        assertEquals(Level.TRACE, context.getLogger("io.jlvs.health.Probe").getEffectiveLevel());
        assertEquals(Level.DEBUG, context.getLogger("io.jlvs.director").getEffectiveLevel());
        assertEquals("root: off (was debug)", levels.set(Optional.empty(), "off"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> levels.set(Optional.empty(), "loud"));
        assertEquals("log level must be one of trace, debug, info, warn, error, off, got 'loud'", e.getMessage());
    }

    @Test
    void priorities() {
        assertEquals(3, StderrLayout.priority(Level.ERROR));
        assertEquals(4, StderrLayout.priority(Level.WARN));
        assertEquals(6, StderrLayout.priority(Level.INFO));
        assertEquals(7, StderrLayout.priority(Level.DEBUG));
        assertEquals(7, StderrLayout.priority(Level.TRACE));
    }
}
