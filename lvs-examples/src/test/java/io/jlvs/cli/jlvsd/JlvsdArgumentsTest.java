package io.jlvs.cli.jlvsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.director.DirectorSettings;
import io.jlvs.director.NodeMode;
import io.jlvs.netlink.NetworkNamespace;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** jlvsd's command line turned into settings, and the refusals of bad ones. */
class JlvsdArgumentsTest {

    @Test
    void defaults() {
        DirectorSettings s = Jlvsd.parse("-c", "/etc/sysconfig/ha/lvs.cf");
        assertEquals(Path.of("/etc/sysconfig/ha/lvs.cf"), s.configFile());
        assertEquals(NodeMode.AUTO, s.node());
        assertEquals(Optional.of(DirectorSettings.DEFAULT_CONTROL_SOCKET), s.controlSocket());
        assertEquals(Optional.empty(), s.metrics());
        assertEquals(Duration.ofSeconds(10), s.driftInterval());
        assertEquals(NetworkNamespace.current(), s.namespace());
        assertEquals(Optional.of(DirectorSettings.defaultStateFile(NetworkNamespace.current())), s.stateFile());
    }

    @Test
    void theDefaultStateFileIsOnePerNetworkNamespace() throws Exception {
        Path own = DirectorSettings.defaultStateFile(NetworkNamespace.current());
        Object inode = java.nio.file.Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:ino");
        assertEquals(Path.of("/var/lib/jlvs/owned-services.netns-" + inode), own);
        // A namespace that does not exist (yet) is named by its path, not mistaken for ours.
        assertEquals(Path.of("/var/lib/jlvs/owned-services.netns-_run_netns_jlvs-absent-ns"),
                DirectorSettings.defaultStateFile(NetworkNamespace.named("jlvs-absent-ns")));
    }

    @Test
    void stateFile() {
        assertEquals(Optional.of(Path.of("/tmp/owned")), Jlvsd.parse("-c", "f", "--state-file", "/tmp/owned").stateFile());
    }

    @Test
    void everyOption() {
        DirectorSettings s = Jlvsd.parse("--config", "lvs.cf", "--netns", "blue", "--control-socket", "/tmp/x.sock",
                "--control-group", "lvsadmin", "--metrics", "127.0.0.1:9470", "--node", "BACKUP", "--drift-interval", "2.5");
        assertEquals(NetworkNamespace.named("blue"), s.namespace());
        assertEquals(Optional.of(Path.of("/tmp/x.sock")), s.controlSocket());
        assertEquals(Optional.of("lvsadmin"), s.controlGroup());
        assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 9470)), s.metrics());
        assertEquals(NodeMode.BACKUP, s.node());
        assertEquals(Duration.ofMillis(2500), s.driftInterval());
    }

    @Test
    void ipv6MetricsAddressInBrackets() {
        assertEquals(Optional.of(new InetSocketAddress("::1", 9470)), Jlvsd.parse("-c", "f", "--metrics", "[::1]:9470").metrics());
    }

    @Test
    void noControlSocket() {
        assertEquals(Optional.empty(), Jlvsd.parse("-c", "f", "--no-control-socket").controlSocket());
    }

    @Test
    void badValuesNameTheOption() {
        assertMessage("--node must be primary, backup or auto, not 'middle'", "-c", "f", "--node", "middle");
        assertMessage("expected ADDR:PORT", "-c", "f", "--metrics", "9470");
        assertMessage("port must be 1..65535, got 70000", "-c", "f", "--metrics", "127.0.0.1:70000");
        assertMessage("--drift-interval must be more than 0", "-c", "f", "--drift-interval", "0");
        assertMessage("--control-group needs a control socket", "-c", "f", "--no-control-socket", "--control-group", "g");
        assertMessage("--plan and --release-addresses exclude each other", "-c", "f", "--plan", "--release-addresses");
    }

    @Test
    void withoutConfigPiranhasFileWinsWhereItExistsElseThePackages(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path piranha = dir.resolve("sysconfig-ha-lvs.cf");
        Path mine = dir.resolve("jlvs-lvs.cf");
        List<Path> defaults = List.of(piranha, mine);
        Jlvsd j = new Jlvsd();
        new CommandLine(j);   // injects the spec the error needs
        CommandLine.ParameterException none = assertThrows(CommandLine.ParameterException.class,
                () -> j.configFile(null, defaults));
        assertEquals("no --config FILE given, and none of " + piranha + ", " + mine + " exists", none.getMessage());
        java.nio.file.Files.writeString(mine, "");
        assertEquals(mine, j.configFile(null, defaults));
        java.nio.file.Files.writeString(piranha, "");
        assertEquals(piranha, j.configFile(null, defaults));
        assertEquals(Path.of("given.cf"), j.configFile(Path.of("given.cf"), defaults));
        assertEquals(List.of(Path.of("/etc/sysconfig/ha/lvs.cf"), Path.of("/etc/jlvs/lvs.cf")), Jlvsd.DEFAULT_CONFIGS);
    }

    @Test
    void badCommandLineExitsWithUsage64() {
        assertEquals(64, Jlvsd.run("--node", "x"));
        assertEquals(64, Jlvsd.run("-c", "f", "--node", "middle"));
    }

    @Test
    void theRuntimeDirectoryIsRunJlvsUnlessGiven() {
        assertEquals(Optional.of(Path.of("/run/jlvs")), Jlvsd.parse("-c", "f").runtimeDirectory());
        assertEquals(Optional.of(Path.of("/tmp/r")), Jlvsd.parse("-c", "f", "--runtime-dir", "/tmp/r").runtimeDirectory());
    }

    @Test
    void helpListsTheExitCodes() {
        java.io.StringWriter out = new java.io.StringWriter();
        CommandLine cl = new CommandLine(new Jlvsd());
        cl.setOut(new java.io.PrintWriter(out));
        assertEquals(0, cl.execute("--help"));
        for (String code : List.of("64", "69", "70", "75", "78")) {
            assertTrue(out.toString().contains("  " + code + "  ") || out.toString().contains(" " + code + " "), code + " in " + out);
        }
    }

    private static void assertMessage(String expected, String... args) {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, () -> Jlvsd.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
