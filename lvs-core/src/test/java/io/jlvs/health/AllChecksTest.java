package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several checks of one server: all must pass, the first failure names its check, weights take the least. */
class AllChecksTest {
    @TempDir
    Path dir;

    private static final InetSocketAddress RS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 80);

    private FileCheck file(String name, String value, int multiplier) throws Exception {
        Files.writeString(dir.resolve(name), value);
        return new FileCheck(dir.resolve(name).toString(), multiplier, false);
    }

    @Test
    void allMustPassAndTheFirstFailureIsTheVerdict() throws Exception {
        AllChecks checks = new AllChecks(List.of(file("a", "0", 0), file("b", "1", 0), file("c", "0", 0)));
        ProbeResult r = checks.probe(RS);
        assertFalse(r.up());
        assertTrue(r.reason().startsWith("check 2 (file): "), r.reason());
        assertEquals("file+file+file", checks.type());
    }

    @Test
    void weightsTakeTheLeastAndUpNeedsEveryCheck() throws Exception {
        ProbeResult r = new AllChecks(List.of(file("a", "5", 10), file("b", "0", 0), file("c", "3", 10))).probe(RS);
        assertTrue(r.up(), r.reason());
        assertEquals(OptionalInt.of(30), r.weight());
    }

    @Test
    void oneCheckIsItself() throws Exception {
        FileCheck only = file("a", "0", 0);
        assertSame(only, AllChecks.of(List.of(only)));
    }
}
