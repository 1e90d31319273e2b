package io.jlvs.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jLVS as a named module, the way a modular application uses it: a module that {@code requires
 * io.jlvs.core} compiles against jLVS native and core on the module path with only JNR-FFI and
 * slf4j-api beside them, runs the in-memory IPVS and a real netlink request (rtnetlink's link dump,
 * which needs no privilege) on each syscall backend, and cannot compile against an internal package.
 */
class ModulePathTest {
    /** The lean artifact's jars (and the reactor's class folders) on this test's class path. */
    private static final Pattern LEAN = Pattern.compile(
            ".*/(native/target/classes|lvs-core/target/classes|jlvs-native-[^/]*\\.jar|lvs-core-[^/]*\\.jar"
                    + "|jnr-ffi-[^/]*\\.jar|jffi-[^/]*\\.jar|asm[^/]*\\.jar|jnr-a64asm-[^/]*\\.jar|jnr-x86asm-[^/]*\\.jar"
                    + "|slf4j-api-[^/]*\\.jar)");

    private static final String MAIN = """
            package lean.user;

            import io.jlvs.ipvs.Ipvs;
            import io.jlvs.ipvs.InMemoryIpvs;
            import io.jlvs.ipvs.RealServer;
            import io.jlvs.ipvs.ServiceKey;
            import io.jlvs.ipvs.VirtualService;
            import io.jlvs.netlink.route.Link;
            import io.jlvs.netlink.route.RouteClient;
            import io.jlvs.sys.SyscallBackend;
            import java.net.InetAddress;

            public final class Main {
                public static void main(String[] args) throws Exception {
                    try (Ipvs ipvs = new InMemoryIpvs().open()) {
                        ServiceKey vip = ServiceKey.tcp(InetAddress.getByName("10.0.0.1"), 80);
                        ipvs.addService(VirtualService.builder(vip).build());
                        ipvs.addRealServer(vip, RealServer.builder(InetAddress.getByName("10.0.1.1"), 80).masquerade().build());
                        System.out.println("in-memory real servers: " + ipvs.realServers(vip).size());
                    }
                    try (RouteClient route = RouteClient.open()) {
                        System.out.println("links: " + route.links().stream().map(Link::name).toList());
                    }
                    System.out.println("backend: " + SyscallBackend.selected());
                    Module core = Ipvs.class.getModule();
                    System.out.println(core.getName() + " exports io.jlvs.ipvs.internal: " + core.isExported("io.jlvs.ipvs.internal"));
                }
            }
            """;

    @TempDir
    Path dir;

    private static String leanModulePath() {
        List<String> lean = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> LEAN.matcher(e).matches()).toList();
        assertTrue(lean.stream().anyMatch(e -> e.contains("jnr-ffi")) && lean.stream().anyMatch(e -> e.contains("slf4j-api")), lean.toString());
        return String.join(File.pathSeparator, lean);
    }

    private String run(List<String> command, int expectedExit) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "still running: " + command);
        String text = Files.readString(out);
        assertEquals(expectedExit, p.exitValue(), command + ":\n" + text);
        return text;
    }

    private Path compileUser(String mainSource, int expectedExit, List<String> said) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("lean/user"));
        Files.writeString(src.resolve("module-info.java"), "module lean.user { requires io.jlvs.core; }\n");
        Files.writeString(src.resolve("lean/user/Main.java"), mainSource);
        Path out = Files.createDirectories(dir.resolve("mods/lean.user"));
        said.add(run(List.of(tool("javac"), "-d", out.toString(), "--module-path", leanModulePath(),
                src.resolve("module-info.java").toString(), src.resolve("lean/user/Main.java").toString()), expectedExit));
        return out;
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jnr", "ffm"})
    void aModularApplicationRunsOnTheLeanModulePath(String backend) throws Exception {
        if (backend.equals("ffm") && Runtime.version().feature() < 22) {
            return; // no java.lang.foreign backend before JDK 22 (SyscallBackendTest holds the rule)
        }
        Path user = compileUser(MAIN, 0, new ArrayList<>());
        List<String> java = new ArrayList<>(List.of(tool("java"),
                "--enable-native-access=io.jlvs.sys,org.jnrproject.ffi,org.jnrproject.jffi", "-Djlvs.syscalls=" + backend));
        if (Runtime.version().feature() >= 23) {
            java.add("--sun-misc-unsafe-memory-access=allow");
        }
        java.addAll(List.of("--module-path", user + File.pathSeparator + leanModulePath(), "-m", "lean.user/lean.user.Main"));
        String said = run(java, 0);
        assertTrue(said.contains("in-memory real servers: 1"), said);
        assertTrue(said.contains("links: [lo"), said);
        assertTrue(said.contains("backend: " + backend.toUpperCase(Locale.ROOT)), said);
        assertTrue(said.contains("io.jlvs.core exports io.jlvs.ipvs.internal: false"), said);
        assertTrue(!said.contains("WARNING"), "the JVM warned:\n" + said);
    }

    @Test
    void anInternalPackageIsNotVisibleToAnApplicationModule() throws Exception {
        List<String> said = new ArrayList<>();
        compileUser("""
                package lean.user;
                public final class Main {
                    public static void main(String[] args) {
                        System.out.println(io.jlvs.ipvs.internal.IpvsCodec.class);
                    }
                }
                """, 1, said);
        assertTrue(said.get(0).contains("package io.jlvs.ipvs.internal is declared in module io.jlvs.core, which does not export it"),
                said.get(0));
    }
}
