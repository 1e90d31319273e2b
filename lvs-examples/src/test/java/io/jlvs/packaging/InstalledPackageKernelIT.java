package io.jlvs.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Debian package as an operator gets it (issue 17): scripts/package's {@code .deb} installed with
 * {@code dpkg -i} into a clean root (an overlay over this system's root with nothing of jLVS in it,
 * entered with chroot, in a network namespace of the test's own), then used there as installed: the
 * programs on the PATH run on the package's own Java runtime, {@code jlvsd --check} reads the shipped
 * /etc/jlvs/lvs.cf, {@code jlvsadm -R} programs the kernel and {@code jlvsadm -Ln} lists what
 * {@code ipvsadm -Ln} (Debian's) lists, {@code systemd-analyze verify} accepts the unit, man finds the
 * pages; postinst made each program's ahead-of-time cache and the programs start with it, printing
 * nothing extra; {@code dpkg -r} leaves the conffile and nothing else (the caches included),
 * {@code dpkg --purge} removes that too.
 */
class InstalledPackageKernelIT {
    // A JVM start in the emulated guest is slow; dpkg -i runs three (ahead-of-time training runs).
    private static final Duration T = Duration.ofSeconds(900);
    private Path base;
    private Path root;
    private String ns;
    private final List<String> mounts = new ArrayList<>();

    /** The newest .deb scripts/package left in the repository's target/dist. */
    static Path builtPackage() throws IOException {
        Path dist = Path.of(System.getProperty("user.dir")).resolve("../target/dist").normalize();
        try (Stream<Path> files = Files.exists(dist) ? Files.list(dist) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().matches("jlvs_.*_amd64\\.deb"))
                    .max(java.util.Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError("no jlvs_*_amd64.deb in " + dist
                            + ": scripts/test builds it with scripts/package before the kernel tests"));
        }
    }

    @BeforeEach
    void cleanRoot() throws Exception {
        base = Files.createTempDirectory(Path.of("/tmp"), "jlvs-pkg");
        root = base.resolve("root");
        for (String d : List.of("upper", "work", "root")) {
            Files.createDirectories(base.resolve(d));
        }
        mount("-t", "overlay", "overlay", "-o", "lowerdir=/,upperdir=" + base.resolve("upper") + ",workdir="
                + base.resolve("work"), root.toString());
        mount("-t", "proc", "proc", root.resolve("proc").toString());
        mount("--rbind", "/dev", root.resolve("dev").toString());
        mount("-t", "tmpfs", "tmpfs", root.resolve("tmp").toString());
        mount("-t", "tmpfs", "tmpfs", root.resolve("run").toString());
        ns = "jlvs-pkg-" + ProcessHandle.current().pid();
        check(List.of("ip", "netns", "add", ns));
        check(List.of("ip", "-n", ns, "link", "set", "lo", "up"));   // IPVS refuses real servers while lo is down
        // Nothing of jLVS may be in the clean root before the install.
        assertFalse(Files.exists(root.resolve("usr/bin/jlvsd")), "jlvsd is already installed in this root");
    }

    private void mount(String... args) {
        List<String> cmd = new ArrayList<>(List.of("mount"));
        cmd.addAll(List.of(args));
        check(cmd);
        mounts.add(0, args[args.length - 1]);
    }

    @AfterEach
    void cleanUp() {
        if (ns != null) {
            run(List.of("ip", "netns", "delete", ns));
        }
        for (String m : mounts) {
            run(List.of("umount", "-R", "-l", m));
        }
        if (base != null) {
            run(List.of("rm", "-rf", base.toString()));
        }
    }

    /** {@code sh -c script} in the clean root, in the test's namespace; fails the test on a non-zero exit. */
    private String inRoot(String script) {
        Result r = tryInRoot(script);
        assertEquals(0, r.exitStatus(), script + "\nstdout: " + r.stdout() + "\nstderr: " + r.stderr());
        return r.stdout();
    }

    private Result tryInRoot(String script) {
        // C1 only in the guest's multi-threaded TCG (see scripts/vm/run), and this run's syscall backend.
        String backend = System.getProperty("jlvs.syscalls");
        String opts = "-XX:TieredStopAtLevel=1" + (backend == null ? "" : " -Djlvs.syscalls=" + backend);
        return run(List.of("ip", "netns", "exec", ns, "chroot", root.toString(), "/usr/bin/env", "-i",
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "LANG=C.UTF-8", "JLVS_JAVA_OPTS=" + opts,
                "sh", "-c", script));
    }

    record Result(int exitStatus, String stdout, String stderr) {
    }

    /** Runs {@code command}, waiting at most {@link #T}; the exit status and both outputs. */
    static Result run(List<String> command) {
        try {
            Path out = Files.createTempFile("jlvs-pkg", ".out");
            Path err = Files.createTempFile("jlvs-pkg", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!p.waitFor(T.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new AssertionError("still running after " + T + ": " + command);
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String check(List<String> command) {
        Result r = run(command);
        assertEquals(0, r.exitStatus(), command + "\nstdout: " + r.stdout() + "\nstderr: " + r.stderr());
        return r.stdout();
    }

    @Test
    @Timeout(1800)
    void installedTheProgramsRunOnTheirOwnRuntimeAndRemovalLeavesOnlyTheConffile() throws Exception {
        Path deb = builtPackage();
        Files.copy(deb, root.resolve("tmp/jlvs.deb"));
        inRoot("dpkg -i /tmp/jlvs.deb");
        assertTrue(inRoot("dpkg -s jlvs").contains("Status: install ok installed"));

        // The programs on the PATH, on the package's runtime (no JDK in PATH inside env -i).
        assertEquals("/usr/lib/jlvs/bin/jlvsadm", inRoot("readlink -f \"$(command -v jlvsadm)\"").strip());
        // postinst's ahead-of-time caches, and jlvsadm loads its own classes from one.
        for (String p : List.of("jlvsadm", "jlvsctl", "jlvsd")) {
            assertTrue(Files.size(root.resolve("usr/lib/jlvs/aot/" + p + ".aot")) > 0, p + "'s cache");
        }
        String loaded = inRoot("JLVS_JAVA_OPTS=\"$JLVS_JAVA_OPTS -Xlog:class+load=info:stdout\" jlvsadm --version");
        assertTrue(loaded.contains("io.jlvs.cli.jlvsadm.Jlvsadm source: shared objects file"), loaded);
        String check = inRoot("jlvsd --check");
        assertTrue(check.contains("/etc/jlvs/lvs.cf: configuration OK"), check);

        // jlvsadm programs the kernel; Debian's ipvsadm sees the same table jlvsadm lists.
        inRoot("printf '%s\\n' '-A -t 10.77.0.1:80 -s wlc' '-a -t 10.77.0.1:80 -r 10.77.0.11:8080 -m -w 3' | jlvsadm -R");
        String ours = inRoot("jlvsadm -Ln");
        String theirs = inRoot("ipvsadm -Ln");
        assertEquals(theirs.lines().skip(1).toList(), ours.lines().skip(1).toList(), "jlvsadm -Ln against ipvsadm -Ln");
        assertTrue(inRoot("ipvsadm -Sn").contains("-a -t 10.77.0.1:80 -r 10.77.0.11:8080 -m -w 3"));

        // The unit as installed, the man pages and the completions.
        inRoot("systemd-analyze verify /lib/systemd/system/jlvsd.service");
        for (String page : List.of("jlvsd", "jlvsadm", "jlvsctl", "lvs.cf")) {
            assertTrue(inRoot("man -w " + page).strip().startsWith("/usr/share/man/man"), page);
        }
        inRoot("bash -n /usr/share/bash-completion/completions/jlvsd && bash -n /usr/share/bash-completion/completions/jlvsadm");

        // Removal: every file the package installed goes, but the conffile; purge takes that too.
        List<String> files = inRoot("dpkg -L jlvs").lines().filter(f -> !f.isBlank()).toList();
        inRoot("dpkg -r jlvs");
        assertTrue(inRoot("dpkg -s jlvs || true").contains("Status: deinstall ok config-files"));
        List<String> left = new ArrayList<>();
        for (String f : files) {
            Path p = root.resolve(f.substring(1));
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p)) {
                left.add(f);
            }
        }
        assertEquals(List.of("/etc/jlvs/lvs.cf"), left, "files left after dpkg -r");
        assertFalse(Files.exists(root.resolve("usr/lib/jlvs/aot")), "prerm removes the ahead-of-time caches");
        inRoot("dpkg --purge jlvs");
        assertFalse(Files.exists(root.resolve("etc/jlvs/lvs.cf")), "the conffile after dpkg --purge");
    }
}
