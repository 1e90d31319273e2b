package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.Configuration;
import io.jlvs.config.LvsCfParser;
import io.jlvs.director.ConfigurationRejectedException;
import io.jlvs.health.ProgramCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check programs are judged when lvs.cf is read: a program anyone could replace is never run as root,
 * check_script_user names a user that exists and jlvsd can switch to, and a program that is not there
 * is refused, each naming the file, line and key.
 */
class CheckProgramsTest {
    private static final Optional<String> CAN_SWITCH = Optional.empty();
    private static final Optional<String> CANNOT_SWITCH = Optional.of("this process lacks CAP_SETUID and CAP_SETGID");

    @TempDir
    Path dir;

    private static CheckPrograms asRoot(Optional<String> cannotSwitch) {
        return new CheckPrograms(true, () -> cannotSwitch, name -> CheckPrograms.searchPath("/usr/bin:/bin", name));
    }

    private Path file(String global, String program) throws Exception {
        Path f = dir.resolve("lvs.cf");
        Files.writeString(f, OneVirtualFile.text(global.isEmpty() ? "" : global + "\n",
                "send_program = \"" + program + " --host %h\"\n"));
        return f;
    }

    private List<String> problems(CheckPrograms programs, Path f) throws Exception {
        Configuration config = new LvsCfParser().read(f).configuration();
        return programs.problems(config, f);
    }

    /** A program in a directory every user may write to (not sticky): anyone could swap it. */
    private Path programOthersCanReplace() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path program = open.resolve("check");
        Files.writeString(program, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }

    @Test
    void aProgramOthersCouldReplaceIsNeverRunAsRoot() throws Exception {
        Path program = programOthersCanReplace();
        Path f = file("", program.toString());

        List<String> problems = problems(asRoot(CAN_SWITCH), f);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(f + ":5: send_program: virtual web: refusing to run " + program
                + " as root: "), problems.get(0));
        assertTrue(problems.get(0).contains("check_script_user"), problems.get(0));
    }

    @Test
    void aRootOnlyProgramRunsAsRootAndABareNameIsFoundOnPath() throws Exception {
        assertEquals(List.of(), problems(asRoot(CAN_SWITCH), file("", "/usr/bin/true")));
        assertEquals(List.of(), problems(asRoot(CAN_SWITCH), file("", "true")));
    }

    @Test
    void theSameProgramIsAcceptedWhenItRunsAsAnUnprivilegedUser() throws Exception {
        Path program = programOthersCanReplace();

        assertEquals(List.of(), problems(asRoot(CAN_SWITCH), file("check_script_user = nobody", program.toString())));
        // and when jlvsd itself is not root, there is no root to protect
        assertEquals(List.of(), problems(new CheckPrograms(false, () -> CAN_SWITCH, n -> Optional.empty()),
                file("", program.toString())));
    }

    @Test
    void checkScriptUserAsRootIsJudgedAsRoot() throws Exception {
        Path program = programOthersCanReplace();

        List<String> problems = problems(asRoot(CAN_SWITCH), file("check_script_user = root", program.toString()));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("refusing to run " + program + " as root"), problems.get(0));
    }

    @Test
    void anUnknownUserOrGroupIsRefused() throws Exception {
        Path f = file("check_script_user = \"jlvs-no-such-user\"", "/usr/bin/true");
        assertEquals(List.of(f + ": check_script_user: no user 'jlvs-no-such-user' on this machine"),
                problems(asRoot(CAN_SWITCH), f));

        f = file("check_script_user = \"nobody jlvs-no-such-group\"", "/usr/bin/true");
        assertEquals(List.of(f + ": check_script_user: no group 'jlvs-no-such-group' on this machine"),
                problems(asRoot(CAN_SWITCH), f));
    }

    @Test
    void withoutCapabilitiesToSwitchUserTheDropInIsNamed() throws Exception {
        Path f = file("check_script_user = nobody", "/usr/bin/true");

        List<String> problems = problems(asRoot(CANNOT_SWITCH), f);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(f + ": check_script_user: cannot run programs as 'nobody': "
                + CANNOT_SWITCH.get()), problems.get(0));
        assertTrue(problems.get(0).contains("packaging/jlvsd.service.d/script-user.conf"), problems.get(0));
    }

    @Test
    void quorumProgramsAreJudgedAsJlvsdsOwnUserEvenWithACheckScriptUser() throws Exception {
        Path program = programOthersCanReplace();
        Path f = dir.resolve("lvs.cf");
        Files.writeString(f, OneVirtualFile.text("check_script_user = nobody\n", "check_quorum = 1\n"
                + "check_quorum_down = \"" + program + " down\"\ncheck_quorum_up = /usr/lib/jlvs-no-such-program\n"));
        List<String> problems = problems(asRoot(CAN_SWITCH), f);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(f + ":6: check_quorum_down: virtual web: refusing to run " + program
                + " as root: "), problems.get(0));
        assertTrue(problems.get(1).startsWith(f + ":6: check_quorum_up: virtual web: program "
                + "'/usr/lib/jlvs-no-such-program' not found"), problems.get(1));
    }

    @Test
    void aMissingOrRelativeProgramIsRefused() throws Exception {
        Path f = file("", "/usr/lib/jlvs-no-such-check");
        assertEquals(List.of(f + ":5: send_program: virtual web: program '/usr/lib/jlvs-no-such-check' not found:"
                + " give an absolute path, or a name on jlvsd's PATH"), problems(asRoot(CAN_SWITCH), f));

        f = file("", "bin/check");
        assertEquals(1, problems(asRoot(CAN_SWITCH), f).size());
    }

    @Test
    void roleProgramsAndTheTrackScriptAreJudgedLikeCheckPrograms() throws Exception {
        Path program = programOthersCanReplace();
        Path f = dir.resolve("hooks.cf");
        Files.writeString(f, OneVirtualFile.text("active_cmd = " + program + " up\nnotify_fault = /usr/lib/jlvs-no-such-hook\n"
                + "track_script = \"true\"\n", ""));

        List<String> problems = problems(asRoot(CAN_SWITCH), f);

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(f + ": active_cmd: refusing to run " + program + " as root: "), problems.get(0));
        assertEquals(f + ": notify_fault: program '/usr/lib/jlvs-no-such-hook' not found: give an absolute path, or a name"
                + " on jlvsd's PATH", problems.get(1));
        // run as nobody, the replaceable program is acceptable; the missing one still is not
        Files.writeString(f, OneVirtualFile.text("check_script_user = nobody\nactive_cmd = " + program + "\n", ""));
        assertEquals(List.of(), problems(asRoot(CAN_SWITCH), f));
    }

    @Test
    void checkScriptUserIsIgnoredWhenNoVirtualRunsAProgram() throws Exception {
        Path f = dir.resolve("plain.cf");
        Files.writeString(f, OneVirtualFile.text("check_script_user = jlvs-no-such-user\n", ""));

        assertEquals(List.of(), problems(asRoot(CANNOT_SWITCH), f));
    }

    @Test
    void theUserIsLookedUpAsNumbers() throws Exception {
        Configuration config = new LvsCfParser().read(file("check_script_user = \"nobody nogroup\"", "/usr/bin/true"))
                .configuration();

        assertEquals(Optional.of(new ProgramCheck.RunAs(65534, 65534)), CheckPrograms.runAs(config.cluster()));
    }

    @Test
    void theLoaderRefusesTheFileBeforeAnythingRuns() throws Exception {
        Path f = file("", programOthersCanReplace().toString());
        LvsCfLoader loader = new LvsCfLoader(SchedulerModules.ofRunningKernel(), asRoot(CAN_SWITCH));

        ConfigurationRejectedException e = assertThrows(ConfigurationRejectedException.class, () -> loader.load(f));

        assertTrue(e.getMessage().contains(f + ":5: send_program: virtual web: refusing to run"), e.getMessage());
    }
}
