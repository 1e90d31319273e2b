package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings file, and the configurations the console refuses to run with. */
class ConsoleConfigTest {
    @TempDir
    Path dir;

    @Test
    void plainHttpOnANonLoopbackAddressIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConsoleConfig.of(Map.of("listen", "0.0.0.0:8480",
                "users_file", "/etc/jlvs/console-users", "audit_log", "/var/log/audit")));
        assertTrue(e.getMessage().contains("is not a loopback address") && e.getMessage().contains("tls_keystore"), e.getMessage());
    }

    @Test
    void loopbackDefaultsNeedNothing() {
        ConsoleConfig c = ConsoleConfig.of(Map.of());
        assertEquals("127.0.0.1", c.host());
        assertEquals(8480, c.port());
        assertEquals(Path.of("/run/jlvsd/jlvsd.sock"), c.controlSocket());
        assertEquals(false, c.security());
        assertEquals("::1", ConsoleConfig.of(Map.of("listen", "[::1]:9000")).host());
    }

    @Test
    void usersWithoutAnAuditLogAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConsoleConfig.of(Map.of("users_file", "/u")));
        assertTrue(e.getMessage().contains("audit_log"), e.getMessage());
    }

    @Test
    void anUnknownKeyNamesItsLine() throws Exception {
        Path f = dir.resolve("console.conf");
        Files.writeString(f, "# settings\nlisten = 127.0.0.1:8480\nlisten_port = 80\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConsoleConfig.load(f));
        assertTrue(e.getMessage().startsWith(f + ":3: expected one of"), e.getMessage());
    }
}
