package io.jlvs.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's script security: a program root runs must be writable by root alone, all the way up. */
class ProgramSecurityTest {
    @TempDir
    Path tmp;

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** A root-owned directory (under a sticky /tmp, which is accepted) holding a program. */
    private Path program(String dirMode, String fileMode) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("bin"));
        Path program = dir.resolve("check");
        Files.writeString(program, "#!/bin/sh\nid -u; id -g; id -G\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString(fileMode));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(dirMode));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }

    @Test
    void aRootOwnedProgramInRootOwnedDirectoriesIsSafe() throws Exception {
        assumeTrue(root(), "ownership checks need root");
        assertEquals(Optional.empty(), ProgramSecurity.unsafeBecause(program("rwxr-xr-x", "rwxr-xr-x")));
        assertEquals(Optional.empty(), ProgramSecurity.unsafeBecause(Path.of("/bin/sh")));
    }

    @Test
    void aProgramWritableByOthersIsRefusedWithTheReason() throws Exception {
        assumeTrue(root(), "ownership checks need root");
        Path program = program("rwxr-xr-x", "rwxr-xrwx");
        assertEquals(Optional.of("the program " + program.toRealPath() + " is writable by every user"),
                ProgramSecurity.unsafeBecause(program));
    }

    @Test
    void aDirectoryWritableByOthersIsRefused() throws Exception {
        assumeTrue(root(), "ownership checks need root");
        Path program = program("rwxrwxrwx", "rwxr-xr-x");
        assertEquals(Optional.of("its directory " + program.toRealPath().getParent() + " is writable by every user"),
                ProgramSecurity.unsafeBecause(program));
    }

    @Test
    void aRelativeProgramCannotBeJudged() {
        assertTrue(ProgramSecurity.unsafeBecause(Path.of("check")).orElseThrow().contains("not an absolute path"));
    }

    @Test
    void theUserPrefixRunsTheProgramAsThatUserWithNoGroups() throws Exception {
        assumeTrue(root(), "switching users needs root");
        Optional<List<String>> prefix = ProcessRunner.asUser(65534, 65534);
        assumeTrue(prefix.isPresent(), "setpriv is not installed");
        Path program = program("rwxr-xr-x", "rwxr-xr-x");

        ProcessRunner.Outcome run = new ProcessRunner(prefix.get(), Duration.ofSeconds(20), 4096)
                .run(List.of(program.toString()), Map.of());

        assertEquals(0, run.exitCode(), new String(run.stderr(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>(List.of(new String(run.stdout(), StandardCharsets.UTF_8).strip().split("\n")));
        assertEquals(List.of("65534", "65534", "65534"), lines, "uid, gid, groups");
    }
}
