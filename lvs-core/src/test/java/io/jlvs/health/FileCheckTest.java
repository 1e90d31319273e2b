package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's FILE_CHECK: state or weight from a file another program writes, per server with %h. */
class FileCheckTest {
    @TempDir
    Path dir;

    private static final InetSocketAddress WEB1 = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080);

    private FileCheck check(String file, int multiplier, boolean reverse) {
        return new FileCheck(dir.resolve(file).toString(), multiplier, reverse);
    }

    @Test
    void withoutAMultiplierZeroIsUpAndAnythingElseDown() throws Exception {
        Files.writeString(dir.resolve("state"), "0\n");
        assertTrue(check("state", 0, false).probe(WEB1).up());
        Files.writeString(dir.resolve("state"), " 1 ");
        ProbeResult down = check("state", 0, false).probe(WEB1);
        assertFalse(down.up());
        assertTrue(down.reason().contains("holds 1 (0 is up)"), down.reason());
    }

    @Test
    void withAMultiplierTheValueIsTheWeightAndZeroOrLessIsDown() throws Exception {
        Files.writeString(dir.resolve("load"), "7");
        assertEquals(OptionalInt.of(70), check("load", 10, false).probe(WEB1).weight());
        assertFalse(check("load", 10, true).probe(WEB1).up(), "reverse: -70");
        Files.writeString(dir.resolve("load"), "100000");
        assertEquals(OptionalInt.of(65535), check("load", 10, false).probe(WEB1).weight(), "capped as lvs.cf weights");
        Files.writeString(dir.resolve("load"), "0");
        assertFalse(check("load", 10, false).probe(WEB1).up());
    }

    @Test
    void thePathNamesOneFilePerServer() throws Exception {
        Files.writeString(dir.resolve("127.0.0.1-8080"), "0");
        assertTrue(check("%h-%p", 0, false).probe(WEB1).up());
    }

    @Test
    void aMissingFileAFifoAHugeFileOrTextIsDownWithTheReason() throws Exception {
        assertTrue(check("absent", 0, false).probe(WEB1).reason().contains("no such file"));
        Files.createDirectory(dir.resolve("dir"));
        assertTrue(check("dir", 0, false).probe(WEB1).reason().contains("not a regular file"));
        Files.writeString(dir.resolve("big"), "1".repeat(100));
        assertTrue(check("big", 0, false).probe(WEB1).reason().contains("longer than 64 bytes"));
        Files.writeString(dir.resolve("text"), "drain");
        assertTrue(check("text", 0, false).probe(WEB1).reason().contains("'drain' is not a whole number"));
    }

    @Test
    void theFactoryBuildsItAndRefusesWhatItDoesNotTake() {
        assertEquals(new FileCheck("/run/w/%h", 5, true), HealthChecks.fromSettings(Map.of("type", "file",
                "file", "/run/w/%h", "file_weight", "5", "file_reverse", "yes")));
        InvalidHealthCheckException relative = assertThrows(InvalidHealthCheckException.class,
                () -> HealthChecks.fromSettings(Map.of("type", "file", "file", "w")));
        assertEquals("file", relative.setting());
        assertThrows(InvalidHealthCheckException.class,
                () -> HealthChecks.fromSettings(Map.of("type", "file", "file", "/w", "timeout", "2")));
    }
}
