package io.jlvs.director.internal;

import io.jlvs.config.ClusterSettings;
import io.jlvs.config.Configuration;
import io.jlvs.config.LvsCfChecks;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.health.AllChecks;
import io.jlvs.health.HealthCheck;
import io.jlvs.health.ProgramCheck;
import io.jlvs.health.internal.check.Argv;
import io.jlvs.process.internal.ProcessRunner;
import io.jlvs.process.internal.ProgramSecurity;
import io.jlvs.process.internal.UserIds;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who runs the check programs of lvs.cf ({@code send_program}, {@code check_type = program}), and
 * whether they may be run at all, judged when the file is loaded so that a start, {@code --plan},
 * {@code --check} and a reload refuse it alike:
 * <ul>
 *   <li>with {@code check_script_user = USER [GROUP]} they run as that user and group, without
 *       supplementary groups (keepalived's {@code script_user}); the names must exist and jlvsd must
 *       hold CAP_SETUID and CAP_SETGID (root; the systemd unit needs
 *       {@code packaging/jlvsd.service.d/script-user.conf});</li>
 *   <li>without it they run as jlvsd's user; when that is root, each program and every directory on its
 *       path must be writable by root alone (keepalived's {@code enable_script_security}), or anyone
 *       who could write there could make the director run anything as root.</li>
 * </ul>
 * A program is an absolute path or a name found on jlvsd's PATH (as the kernel of a start would find it).
 */
final class CheckPrograms {
    private final boolean root;
    private final Supplier<Optional<String>> cannotSwitchUser;
    private final Function<String, Optional<Path>> onPath;

    CheckPrograms(boolean root, Supplier<Optional<String>> cannotSwitchUser, Function<String, Optional<Path>> onPath) {
        this.root = root;
        this.cannotSwitchUser = cannotSwitchUser;
        this.onPath = onPath;
    }

    /** This process: its effective uid, its capabilities and its PATH. */
    static CheckPrograms ofThisProcess() {
        return new CheckPrograms(effectiveUid() == 0, UserIds::cannotSwitchUser,
                name -> searchPath(System.getenv("PATH"), name));
    }

    /**
     * Why {@code config} (read from {@code file}) cannot run its programs: the check programs, and the
     * role programs and track script of the global section ({@code active_cmd}, {@code notify_*},
     * {@code track_script}, which run as the same user); empty when it can.
     */
    List<String> problems(Configuration config, Path file) throws InterruptedException {
        List<Map.Entry<String, String>> programs = new ArrayList<>();   // where (file:line: key: ...), program name
        for (VirtualServerConfig v : config.activeVirtualServers()) {
            for (ProgramCheck p : programs(v)) {
                programs.add(Map.entry(file + ":" + v.line() + ": " + LvsCfChecks.lvsCfKey(v, "program") + ": virtual "
                        + v.name() + ": ", p.argv().get(0)));
            }
        }
        ClusterSettings c = config.cluster();
        c.scripts().commands().forEach((key, command) -> programs.add(Map.entry(file + ": " + key + ": ",
                Argv.split(command).get(0))));
        List<String> problems = new ArrayList<>();
        // Quorum programs are run by the health monitor as jlvsd's own user, never as check_script_user.
        // Only a virtual that names one is read again here (a reload of a large file reads each once).
        for (VirtualServerConfig v : config.activeVirtualServers()) {
            Map<String, String> settings = v.health().settings();
            if (!settings.containsKey("check_quorum_down") && !settings.containsKey("check_quorum_up")) {
                continue;
            }
            if (LvsCfChecks.probing(v).quorum().map(q -> q.action()).orElse(null)
                    instanceof io.jlvs.health.QuorumAction.RunCommand rc) {
                Map<String, List<String>> byKey = new LinkedHashMap<>();
                byKey.put("check_quorum_down", rc.onLost());
                byKey.put("check_quorum_up", rc.onRegain());
                byKey.forEach((key, argv) -> {
                    if (!argv.isEmpty()) {
                        judge(file + ":" + v.line() + ": " + key + ": virtual " + v.name() + ": ", argv.get(0), root,
                                problems);
                    }
                });
            }
        }
        if (programs.isEmpty()) {
            return problems;   // check_script_user has nothing to run
        }
        boolean asRoot = root;
        if (c.checkScriptUser().isPresent()) {
            String user = c.checkScriptUser().get();
            try {
                UserIds.Ids ids = lookup(user);
                asRoot = ids.uid() == 0;
                Optional<String> cannot = ProcessRunner.asUser(ids.uid(), ids.gid()).isEmpty()
                        ? Optional.of("setpriv (util-linux) is not installed") : cannotSwitchUser.get();
                cannot.ifPresent(why -> problems.add(file + ": check_script_user: cannot run programs as '" + user
                        + "': " + why + " (run jlvsd as root; under systemd add the drop-in"
                        + " packaging/jlvsd.service.d/script-user.conf)"));
            } catch (IllegalArgumentException e) {
                problems.add(file + ": check_script_user: " + e.getMessage());
            }
        }
        for (Map.Entry<String, String> e : programs) {
            judge(e.getKey(), e.getValue(), asRoot, problems);
        }
        return problems;
    }

    /** A program must exist, and one run as root must be writable by root alone. */
    private void judge(String where, String name, boolean asRoot, List<String> problems) {
        Optional<Path> program = resolve(name);
        if (program.isEmpty()) {
            problems.add(where + "program '" + name + "' not found: give an absolute path, or a name on jlvsd's PATH");
            return;
        }
        if (asRoot) {
            ProgramSecurity.unsafeBecause(program.get()).ifPresent(why -> problems.add(where + "refusing to run "
                    + program.get() + " as root: " + why + " (make it and its directories writable by root alone,"
                    + " or run programs as another user with check_script_user)"));
        }
    }

    /** Whom {@code c}'s check programs run as: empty for jlvsd's own user. */
    static Optional<ProgramCheck.RunAs> runAs(ClusterSettings c) throws InterruptedException {
        if (c.checkScriptUser().isEmpty()) {
            return Optional.empty();
        }
        UserIds.Ids ids = lookup(c.checkScriptUser().get());
        return Optional.of(new ProgramCheck.RunAs(ids.uid(), ids.gid()));
    }

    /** {@code check}, each program check in it run as {@code runAs}. */
    static HealthCheck withUser(HealthCheck check, Optional<ProgramCheck.RunAs> runAs) {
        if (runAs.isEmpty()) {
            return check;
        }
        if (check instanceof AllChecks all) {
            return all.map(c -> withUser(c, runAs));
        }
        return check instanceof ProgramCheck p ? p.runningAs(runAs.get()) : check;
    }

    private static UserIds.Ids lookup(String userAndGroup) throws InterruptedException {
        String[] words = userAndGroup.split(" ");
        return UserIds.lookup(words[0], words.length > 1 ? Optional.of(words[1]) : Optional.empty());
    }

    /** The program checks of {@code v}: in its own checks and in those of servers with check keys of their own. */
    private static List<ProgramCheck> programs(VirtualServerConfig v) {
        // Only a virtual whose keys name a program builds its checks here: a reload of a large file must not
        // build every virtual's check again (ConfigValidator builds only the changed ones). Validated on load.
        List<ProgramCheck> out = new ArrayList<>();
        if (namesProgram(v.health().sendProgram().isPresent(), v.health().settings())) {
            collect(LvsCfChecks.check(v), out);
        }
        for (RealServerConfig s : v.realServers()) {
            if (namesProgram(false, s.checkSettings())) {
                collect(LvsCfChecks.check(v, s), out);
            }
        }
        return out.stream().distinct().toList();
    }

    private static boolean namesProgram(boolean sendProgram, Map<String, String> settings) {
        return sendProgram || settings.entrySet().stream().anyMatch(e -> e.getKey().matches("check[2-9]?_type")
                && e.getValue().strip().equalsIgnoreCase("program"));
    }

    private static void collect(HealthCheck check, List<ProgramCheck> out) {
        if (check instanceof AllChecks all) {
            all.checks().forEach(c -> collect(c, out));
        } else if (check instanceof ProgramCheck p) {
            out.add(p);
        }
    }

    private Optional<Path> resolve(String name) {
        if (name.indexOf('/') < 0) {
            return onPath.apply(name);
        }
        Path p = Path.of(name);
        return p.isAbsolute() && Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }

    static Optional<Path> searchPath(String path, String name) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty() || !dir.startsWith("/")) {
                continue;   // an empty or relative PATH entry means the working directory: never searched
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // judged as root below: the stricter answer
        }
        return 0;
    }
}
