package io.jlvs.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's QuickStart programs a real kernel from the lean dependency alone: compiled against jLVS
 * native, lvs-core, JNR-FFI (with jffi and asm) and slf4j-api, and run on that set in a fresh network
 * namespace, once on the class path and once with jLVS on the module path (the JPMS boundary at run
 * time); ipvsadm, not jLVS, reads the table back. LeanDependencyTest proves on the host that a Maven
 * project on io.jlvs:lvs-core resolves exactly this set; this test runs on the backend of the run.
 */
@Timeout(600)
class LeanQuickStartKernelIT {
    private static final Pattern LEAN = Pattern.compile(".*/(native|lvs-core)/target/classes"
            + "|.*/(jlvs-native|lvs-core|jnr-ffi|jffi|asm[a-z-]*|jnr-a64asm|jnr-x86asm|slf4j-api)-[0-9][^/]*\\.jar");
    private static final String EXPECTED = String.join("\n",
            "-A -t 10.23.8.80:80 -s wlc",
            "-a -t 10.23.8.80:80 -r 192.168.1.2:80 -m -w 1",
            "-a -t 10.23.8.80:80 -r 192.168.1.3:80 -m -w 1",
            "-a -t 10.23.8.80:80 -r 192.168.1.4:80 -m -w 1");

    @TempDir
    Path dir;

    private record Result(int exit, String out) {}

    private Result run(List<String> command) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("still running after 300 s: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out));
    }

    private String ok(List<String> command) throws Exception {
        Result r = run(command);
        assertEquals(0, r.exit(), command + ":\n" + r.out());
        return r.out();
    }

    @Test
    void quickStartProgramsTheKernelOnTheLeanClassPathAndModulePath() throws Exception {
        List<String> lean = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> LEAN.matcher(e).matches()).toList();
        assertTrue(lean.stream().anyMatch(e -> e.contains("jnr-ffi")) && lean.stream().anyMatch(e -> e.contains("lvs-core")), lean.toString());
        String leanPath = String.join(File.pathSeparator, lean);
        String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path source = Path.of(System.getProperty("user.dir"), "src/main/java/io/jlvs/examples/QuickStart.java");
        ok(List.of(javaBin + "/javac", "-d", classes.toString(), "-cp", leanPath, source.toString()));

        String backend = System.getProperty("jlvs.syscalls", "auto");
        boolean unsafeFlag = Runtime.version().feature() >= 23;
        for (boolean modules : new boolean[] {false, true}) {
            String ns = "lean-" + ProcessHandle.current().pid() + (modules ? "-modules" : "-classpath");
            ok(List.of("ip", "netns", "add", ns));
            try {
                ok(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
                List<String> java = new ArrayList<>(List.of("ip", "netns", "exec", ns, javaBin + "/java", "-Djlvs.syscalls=" + backend));
                if (unsafeFlag) {
                    java.add("--sun-misc-unsafe-memory-access=allow");
                }
                if (modules) {
                    java.addAll(List.of("--enable-native-access=io.jlvs.sys,org.jnrproject.ffi,org.jnrproject.jffi",
                            "--module-path", leanPath, "--add-modules", "io.jlvs.core", "-cp", classes.toString()));
                } else {
                    java.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", classes + File.pathSeparator + leanPath));
                }
                java.add("io.jlvs.examples.QuickStart");
                String said = ok(java);
                assertTrue(said.contains("192.168.1.2") && said.contains("192.168.1.4") && !said.contains("WARNING"), said);
                String table = ok(List.of("ip", "netns", "exec", ns, "ipvsadm", "-Sn"));
                assertEquals(EXPECTED, table.strip(), (modules ? "module path" : "class path") + ", QuickStart said:\n" + said);
            } finally {
                run(List.of("ip", "netns", "delete", ns));
            }
        }
    }
}
