package io.jlvs.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/lib/suite-check, the guard scripts/test runs after the tests: given a made-up tree of test
 * sources and JUnit reports, it fails exactly when a test class or a backend's kernel run is missing, or
 * a kernel test skipped for a reason other than the kernel's.
 */
class SuiteCheckTest {
    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("scripts/lib/suite-check");

    @TempDir
    Path root;

    @Test
    void unitPassesWhenEveryTestClassHasAReport() throws Exception {
        testSource("FooTest", "@Test");
        testSource("RoleMachineProperties", "@Property");
        surefireReport("FooTest", 3, 0, 0);
        surefireReport("RoleMachineProperties", 1, 0, 0);

        Result r = run("unit", root.toString());

        assertEquals(0, r.status, r.output);
        assertTrue(r.output.contains("2 found, 2 ran (1 of them with jqwik properties)"), r.output);
    }

    @Test
    void unitFailsNamingAClassWithTestsButNoReport() throws Exception {
        testSource("FooTest", "@Test");
        testSource("RoleMachineProperties", "@Property");
        surefireReport("FooTest", 3, 0, 0);

        Result r = run("unit", root.toString());

        assertEquals(1, r.status, r.output);
        assertTrue(r.output.contains("io.x.RoleMachineProperties (in " + root + "/m) has tests but no Surefire report"), r.output);
    }

    @Test
    void unitListsEverySkipWithItsReason() throws Exception {
        testSource("FooTest", "@Test");
        write("m/target/surefire-reports/TEST-io.x.FooTest.xml",
                "<testsuite name=\"io.x.FooTest\" tests=\"1\" errors=\"0\" skipped=\"1\" failures=\"0\">\n"
                        + "  <testcase name=\"t\" classname=\"io.x.FooTest\" time=\"0\">\n"
                        + "    <skipped message=\"needs root to create network namespaces\"/>\n  </testcase>\n</testsuite>\n");

        Result r = run("unit", root.toString());

        assertEquals(0, r.status, r.output);
        assertTrue(r.output.contains("unit test skipped: io.x.FooTest#t: needs root to create network namespaces"), r.output);
    }

    @Test
    void unitIgnoresAbstractBasesAndClassesWithoutTests() throws Exception {
        write("m/src/test/java/io/x/Base.java", "package io.x;\nabstract class Base {\n    @Test void t() {}\n}\n");
        write("m/src/test/java/io/x/Helper.java", "package io.x;\nclass Helper {}\n");

        assertEquals(0, run("unit", root.toString()).status);
    }

    @Test
    void kernelPassesWithEveryBackendAndOnlyKernelFeatureSkips() throws Exception {
        testSource("InfoKernelIT", "@Test");
        for (String backend : List.of("ffm", "jnr")) {
            failsafeReport(backend, "InfoKernelIT", "<skipped message=\"kernel feature: this kernel has ip_vs_twos\"/>");
        }

        Result r = run("kernel", "ffm jnr", root.toString());

        assertEquals(0, r.status, r.output);
        assertTrue(r.output.contains("kernel tests on jnr: 2 run, 0 failed, 1 skipped"), r.output);
    }

    @Test
    void kernelFailsWhenABackendDidNotRun() throws Exception {
        testSource("InfoKernelIT", "@Test");
        failsafeReport("ffm", "InfoKernelIT", "");

        Result r = run("kernel", "ffm jnr", root.toString());

        assertEquals(1, r.status, r.output);
        assertTrue(r.output.contains("backend jnr: no kernel test reports"), r.output);
    }

    @Test
    void kernelFailsOnZeroTestsRun() throws Exception {
        write("m/target/failsafe-reports-ffm/TEST-io.x.InfoKernelIT.xml",
                "<testsuite name=\"io.x.InfoKernelIT\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">\n</testsuite>\n");

        Result r = run("kernel", "ffm", root.toString());

        assertEquals(1, r.status, r.output);
        assertTrue(r.output.contains("backend ffm: zero kernel tests ran"), r.output);
    }

    @Test
    void kernelFailsWhenAKernelTestClassProducedNoReport() throws Exception {
        testSource("InfoKernelIT", "@Test");
        testSource("ArpProbeKernelIT", "");   // inherits its tests: counted all the same
        failsafeReport("ffm", "InfoKernelIT", "");

        Result r = run("kernel", "ffm", root.toString());

        assertEquals(1, r.status, r.output);
        assertTrue(r.output.contains("backend ffm: io.x.ArpProbeKernelIT has no report"), r.output);
    }

    @Test
    void aFirstBackendOnlyClassIsExpectedOnTheFirstBackendAlone() throws Exception {
        // LifecycleKernelIT is listed in scripts/lib/first-backend-only
        testSource("InfoKernelIT", "@Test");
        testSource("LifecycleKernelIT", "@Test");
        failsafeReport("ffm", "InfoKernelIT", "");
        failsafeReport("jnr", "InfoKernelIT", "");
        failsafeReport("jnr", "LifecycleKernelIT", "");

        Result r = run("kernel", "ffm jnr", root.toString());

        assertEquals(1, r.status, r.output);
        assertTrue(r.output.contains("backend ffm: io.x.LifecycleKernelIT has no report"), r.output);
        assertTrue(!r.output.contains("backend jnr: io.x"), r.output);

        failsafeReport("ffm", "LifecycleKernelIT", "");
        Files.delete(root.resolve("m/target/failsafe-reports-jnr/TEST-io.x.LifecycleKernelIT.xml"));
        Result second = run("kernel", "ffm jnr", root.toString());
        assertEquals(0, second.status, second.output);
    }

    @Test
    void kernelFailsOnASkipWithoutAKernelReason() throws Exception {
        testSource("ArpProbeKernelIT", "");
        failsafeReport("ffm", "ArpProbeKernelIT", "<skipped message=\"needs root to create network namespaces\"/>");

        Result r = run("kernel", "ffm", root.toString());

        assertEquals(1, r.status, r.output);
        assertTrue(r.output.contains("skipped without a kernel reason: io.x.ArpProbeKernelIT#second: needs root"), r.output);
    }

    private void testSource(String cls, String annotation) throws IOException {
        write("m/src/test/java/io/x/" + cls + ".java",
                "package io.x;\n\nclass " + cls + " {\n    " + annotation + "\n    void t() {}\n}\n");
    }

    private void surefireReport(String cls, int tests, int failures, int skipped) throws IOException {
        write("m/target/surefire-reports/TEST-io.x." + cls + ".xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite xmlns:xsi=\"x\" name=\"io.x." + cls + "\" time=\"0.1\" tests=\""
                        + tests + "\" errors=\"0\" skipped=\"" + skipped + "\" failures=\"" + failures + "\">\n</testsuite>\n");
    }

    /** A Failsafe report of two test cases, the second carrying {@code secondBody} (a skip, say). */
    private void failsafeReport(String backend, String cls, String secondBody) throws IOException {
        int skipped = secondBody.contains("<skipped") ? 1 : 0;
        write("m/target/failsafe-reports-" + backend + "/TEST-io.x." + cls + ".xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"io.x." + cls + "\" time=\"1\" tests=\"2\" errors=\"0\" skipped=\""
                        + skipped + "\" failures=\"0\">\n"
                        + "  <testcase name=\"first\" classname=\"io.x." + cls + "\" time=\"0.1\"/>\n"
                        + "  <testcase name=\"second\" classname=\"io.x." + cls + "\" time=\"0.1\">\n    " + secondBody + "\n  </testcase>\n"
                        + "</testsuite>\n");
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private record Result(int status, String output) {}

    private Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "suite-check did not finish");
        return new Result(p.exitValue(), out);
    }
}
