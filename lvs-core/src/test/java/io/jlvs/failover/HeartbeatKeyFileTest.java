package io.jlvs.failover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatKeyFileTest {

    @Test
    void aCreatedKeyFileHas32RandomBytesOnlyItsOwnerCanRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("heartbeat.key");
        HeartbeatKey key = HeartbeatKeyFile.create(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, Files.size(file));
        assertEquals(key, HeartbeatKeyFile.read(file));
        assertNotEquals(key, HeartbeatKeyFile.create(dir.resolve("another.key")), "each key is new");
    }

    @Test
    void anExistingFileIsNeverOverwritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("heartbeat.key");
        byte[] old = "the key the other director has".getBytes();
        Files.write(file, old);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> HeartbeatKeyFile.create(file));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertArrayEquals(old, Files.readAllBytes(file));
    }

    @Test
    void aKeyFileOpenToGroupOrOthersIsRefusedWithTheFix(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("heartbeat.key");
        HeartbeatKeyFile.create(file);
        for (String mode : new String[] {"rw-r-----", "rw----r--", "rw--w----", "rw-------"}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            if (mode.equals("rw-------")) {
                HeartbeatKeyFile.read(file);
                continue;
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeartbeatKeyFile.read(file),
                    mode);
            assertTrue(e.getMessage().contains("chmod 600 " + file), e.getMessage());
        }
    }

    @Test
    void aMissingFileNamesItself(@TempDir Path dir) {
        Path file = dir.resolve("absent.key");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> HeartbeatKeyFile.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
