package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.RoleScripts;
import io.jlvs.failover.Role;
import io.jlvs.failover.RoleChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of lvs.cf's role programs a change runs, in which order, with which arguments, off the caller's thread. */
class RoleHooksTest {
    @TempDir
    Path dir;

    private static RoleScripts all() {
        return new RoleScripts(Optional.of("/x/active"), Optional.of("/x/inactive"), Optional.of("/x/master"),
                Optional.of("/x/backup"), Optional.of("/x/fault"), Optional.of("/x/stop"), Optional.of("/x/any 'a b'"),
                Duration.ofSeconds(3), Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1);
    }

    private static RoleChange change(Role from, Role to) {
        return new RoleChange(from, to, "test", Instant.EPOCH);
    }

    private static List<String> keys(RoleScripts s, Role from, Role to) {
        return new RoleHooks(s, List.of()).hooks(s, change(from, to)).stream().map(RoleHooks.RunningHook::key).toList();
    }

    @Test
    void eachChangeRunsItsProgramsInOrder() {
        assertEquals(List.of("active_cmd", "notify_master", "notify"), keys(all(), Role.BACKUP, Role.ACTIVE));
        assertEquals(List.of("inactive_cmd", "notify_backup", "notify"), keys(all(), Role.ACTIVE, Role.BACKUP));
        assertEquals(List.of("inactive_cmd", "notify_fault", "notify"), keys(all(), Role.ACTIVE, Role.FAULT));
        assertEquals(List.of("notify_backup", "notify"), keys(all(), Role.INIT, Role.BACKUP));
        assertEquals(List.of("notify_backup", "notify"), keys(all(), Role.FAULT, Role.BACKUP));
        assertEquals(List.of("inactive_cmd", "notify_stop", "notify"), keys(all(), Role.ACTIVE, Role.STOPPED));
        assertEquals(List.of("notify_stop", "notify"), keys(all(), Role.BACKUP, Role.STOPPED));
        assertEquals(List.of(), keys(RoleScripts.none(), Role.BACKUP, Role.ACTIVE));
    }

    @Test
    void theCommandIsSplitIntoWordsAndRunsAsConfigured() {
        RoleHooks.RunningHook h = new RoleHooks(all(), List.of("/usr/bin/setpriv", "--reuid=65534", "--"))
                .hooks(all(), change(Role.BACKUP, Role.ACTIVE)).get(2);
        assertEquals(List.of("/x/any", "a b"), h.hook().argv());
        assertEquals(List.of("/usr/bin/setpriv", "--reuid=65534", "--"), h.hook().prefix());
        assertEquals(Duration.ofSeconds(3), h.hook().timeout());
    }

    @Test
    void programsRunOnTheirOwnThreadInTheOrderOfTheChanges() throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        RoleHooks hooks = new RoleHooks(all(), List.of(), h -> {
            threads.add(Thread.currentThread().getName());
            ran.add(h.key() + ":" + h.change().current());
        });
        hooks.onRoleChange(change(Role.INIT, Role.BACKUP));
        hooks.onRoleChange(change(Role.BACKUP, Role.ACTIVE));
        hooks.reconfigure(RoleScripts.none());
        hooks.onRoleChange(change(Role.ACTIVE, Role.STOPPED));   // after a reload without programs: nothing
        hooks.close();
        assertEquals(List.of("notify_backup:BACKUP", "notify:BACKUP", "active_cmd:ACTIVE", "notify_master:ACTIVE",
                "notify:ACTIVE"), ran);
        assertTrue(threads.stream().allMatch("jlvs-role-hooks"::equals), threads.toString());
    }

    @Test
    void aRealProgramGetsTheRoleThePreviousRoleAndTheReason() throws Exception {
        Path out = dir.resolve("out");
        Path program = dir.resolve("hook");
        Files.writeString(program, "#!/bin/sh\necho \"$@\" >> '" + out + "'\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        RoleScripts s = new RoleScripts(Optional.of(program + " up"), Optional.of(program.toString()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(10),
                Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1);
        RoleHooks hooks = new RoleHooks(s, List.of());
        hooks.onRoleChange(new RoleChange(Role.BACKUP, Role.ACTIVE, "peer dead", Instant.EPOCH));
        hooks.onRoleChange(new RoleChange(Role.ACTIVE, Role.FAULT, "self-check failed: eth0 is down", Instant.EPOCH));
        hooks.close();
        assertEquals(List.of("up ACTIVE BACKUP peer dead", "FAULT ACTIVE self-check failed: eth0 is down"),
                Files.readAllLines(out));
    }
}
