package io.jlvs.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh Maven project that depends on io.jlvs:lvs-core alone (as installed by this build): its
 * dependency tree is jLVS native, JNR-FFI (with its own asm and jffi) and slf4j-api, nothing else (the
 * test prints it); QuickStart, BulkLoad, ReconcilerSync and CanaryWeights compile against it, and
 * BulkLoad and ReconcilerSync run on it with the in-memory IPVS. QuickStart itself needs a kernel
 * with IPVS and root: here it must get as far as asking for IPVS (no NoClassDefFoundError on the way);
 * LeanQuickStartKernelIT runs it on a kernel.
 */
class LeanDependencyTest {
    private static final Set<String> ALLOWED = Set.of("io.jlvs:lvs-core", "io.jlvs:jlvs-native", "com.github.jnr:jnr-ffi",
            "com.github.jnr:jffi", "com.github.jnr:jnr-a64asm", "com.github.jnr:jnr-x86asm", "org.ow2.asm:asm",
            "org.ow2.asm:asm-commons", "org.ow2.asm:asm-analysis", "org.ow2.asm:asm-tree", "org.ow2.asm:asm-util",
            "org.slf4j:slf4j-api");

    @TempDir
    Path dir;

    private static String rootPom() throws Exception {
        return Files.readString(Path.of(System.getProperty("user.dir")).resolve("../pom.xml").normalize());
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        return m.group(1);
    }

    private String run(List<String> command) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime());
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "still running: " + command);
        String text = Files.readString(out);
        assertEquals(0, p.exitValue(), command + ":\n" + text);
        return text;
    }

    @Test
    void aProjectOnLvsCoreAlonePullsNativeJnrAndSlf4jOnlyAndRunsTheExamples() throws Exception {
        String pom = rootPom();
        String version = first(pom, "<artifactId>jlvs-parent</artifactId>\\s*<version>([^<]+)</version>");
        String pluginVersion = first(pom, "<artifactId>maven-dependency-plugin</artifactId>\\s*<version>([^<]+)</version>");
        Files.writeString(dir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>lean</artifactId>
                  <version>1</version>
                  <dependencies>
                    <dependency><groupId>io.jlvs</groupId><artifactId>lvs-core</artifactId><version>%s</version></dependency>
                  </dependencies>
                </project>
                """.formatted(version));
        String mvn = Path.of(System.getProperty("maven.home", "/usr/share/maven"), "bin", "mvn").toString();
        if (!Files.isExecutable(Path.of(mvn))) {
            mvn = "mvn";
        }
        String plugin = "org.apache.maven.plugins:maven-dependency-plugin:" + pluginVersion;
        run(List.of(mvn, "-o", "-B", "-q", plugin + ":tree", "-DoutputFile=tree.txt"));
        run(List.of(mvn, "-o", "-B", "-q", plugin + ":build-classpath", "-Dmdep.outputFile=cp.txt"));
        String tree = Files.readString(dir.resolve("tree.txt"));
        System.out.println("dependency tree of a project on io.jlvs:lvs-core alone:\n" + tree);
        Set<String> artifacts = new TreeSet<>();
        Matcher m = Pattern.compile("([\\w.-]+):([\\w.-]+):jar:").matcher(tree);
        while (m.find()) {
            artifacts.add(m.group(1) + ":" + m.group(2));
        }
        artifacts.remove("example:lean");
        assertTrue(artifacts.contains("io.jlvs:jlvs-native") && artifacts.contains("com.github.jnr:jnr-ffi")
                && artifacts.contains("org.slf4j:slf4j-api"), artifacts.toString());
        Set<String> extra = new TreeSet<>(artifacts);
        extra.removeAll(ALLOWED);
        assertEquals(Set.of(), extra, "more than jLVS native, JNR-FFI and slf4j-api:\n" + tree);

        // The examples compile against exactly that class path, and run on it.
        Path src = Path.of(System.getProperty("user.dir"), "src", "main", "java", "io", "jlvs", "examples");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String javaHome = System.getProperty("java.home");
        String cp = Files.readString(dir.resolve("cp.txt")).strip();
        List<String> javac = new ArrayList<>(List.of(Path.of(javaHome, "bin", "javac").toString(), "-d", classes.toString(),
                "-cp", cp, src.resolve("QuickStart.java").toString(), src.resolve("BulkLoad.java").toString(),
                src.resolve("ReconcilerSync.java").toString(), src.resolve("CanaryWeights.java").toString()));
        run(javac);
        String bulk = run(List.of(Path.of(javaHome, "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", classes + File.pathSeparator + cp, "io.jlvs.examples.BulkLoad", "20", "3", "--in-memory"));
        assertTrue(bulk.contains("80 of 80 operations applied"), bulk);
        // A desired-state sync needs no more than that either (Reconciler is in io.jlvs.director, but
        // only the Director itself needs the director's optional libraries).
        String sync = run(List.of(Path.of(javaHome, "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", classes + File.pathSeparator + cp, "io.jlvs.examples.ReconcilerSync", "--in-memory"));
        assertTrue(sync.contains("sync again:\n  => in sync") && sync.contains("2 repaired drift"), sync);
        // QuickStart programs the kernel: with IPVS and root it prints the table, elsewhere it stops at
        // asking for IPVS; either way every class it needs is on the lean class path.
        Process quick = new ProcessBuilder(Path.of(javaHome, "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", classes + File.pathSeparator + cp, "io.jlvs.examples.QuickStart").redirectErrorStream(true).start();
        String said = new String(quick.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(quick.waitFor(120, TimeUnit.SECONDS));
        assertTrue(!said.contains("NoClassDefFoundError") && !said.contains("ClassNotFoundException")
                && (quick.exitValue() == 0 || said.contains("IPVS") || said.contains("not permitted")), said);
    }
}
