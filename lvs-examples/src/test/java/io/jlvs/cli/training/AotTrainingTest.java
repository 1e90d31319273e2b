package io.jlvs.cli.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlvs.cli.jlvsd.Jlvsd;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ahead-of-time training run: what it runs must be the programs' real start path, so the lvs.cf it
 * checks must be one jlvsd accepts (a rejected one would train only the error path); it must leave no
 * file behind, and refuse a program it does not know.
 */
class AotTrainingTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void theTrainingConfigurationIsOneJlvsdAccepts(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("lvs.cf"), AotTraining.TRAINING_LVS_CF);
        assertEquals(0, Jlvsd.run("--check", "--state-file", dir.resolve("state").toString(), "-c", config.toString()));
    }

    @Test
    void theRestoreTrainingInputIsOneJlvsadmParses() {
        String rules = AotTraining.restoreInput(200, 5);
        assertEquals(1_200, rules.lines().count());
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = io.jlvs.cli.jlvsadm.Jlvsadm.run(new String[] {"-R", "--dry-run"},
                new java.io.ByteArrayInputStream(rules.getBytes(StandardCharsets.UTF_8)), NOWHERE,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        // 0 with IPVS, 1 where it cannot be asked; 2 would be a line refused: only the error path trained.
        org.junit.jupiter.api.Assertions.assertNotEquals(2, status, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyProgramTrainsAndLeavesNoFile() throws IOException {
        List<Path> before = trainingDirs();
        for (String program : List.of("jlvsadm", "jlvsctl", "jlvsd")) {
            AotTraining.train(program, NOWHERE);
        }
        assertEquals(before, trainingDirs());
    }

    @Test
    void anUnknownProgramIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AotTraining.train("ipvsadm", NOWHERE));
    }

    private static List<Path> trainingDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("jlvs-aot-training-")).sorted().toList();
        }
    }
}
