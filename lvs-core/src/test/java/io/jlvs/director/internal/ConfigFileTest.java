package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lvs.cf replaced in one rename, the old one kept, and left alone when anything fails. */
class ConfigFileTest {
    @TempDir
    Path dir;

    Path file(String text, String mode) throws IOException {
        Path f = dir.resolve("lvs.cf");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void replaceWritesTheTextKeepsTheModeAndKeepsTheOldFileAsPrev() throws IOException {
        Path f = file("serial_no = 1\n", "rw-r-----");
        ConfigFile cf = new ConfigFile(f);
        String before = cf.read().sha256();
        String hash = cf.replace("serial_no = 2\n");
        assertEquals("serial_no = 2\n", Files.readString(f));
        assertEquals(ConfigFile.sha256("serial_no = 2\n"), hash);
        assertEquals(hash, cf.read().sha256());
        assertEquals("serial_no = 1\n", Files.readString(dir.resolve("lvs.cf.prev")));
        assertEquals(before, ConfigFile.sha256(Files.readString(dir.resolve("lvs.cf.prev"))));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(Files.getOwner(dir.resolve("lvs.cf.prev")), Files.getOwner(f));
        assertEquals(List.of("lvs.cf", "lvs.cf.prev"), names(), "no temporary file left");
    }

    @Test
    void aFullDiskLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path f = file("serial_no = 1\n", "rw-------");
        ConfigFile cf = new ConfigFile(f, (channel, data) -> {
            channel.write(ByteBuffer.wrap(new byte[] {'s', 'e'}));
            throw new IOException("No space left on device");
        });
        IOException e = assertThrows(IOException.class, () -> cf.replace("serial_no = 2\n"));
        assertEquals("No space left on device", e.getMessage());
        assertEquals("serial_no = 1\n", Files.readString(f));
        assertEquals(List.of("lvs.cf"), names());
    }

    @Test
    void aSymbolicLinkIsFollowedAndKept() throws IOException {
        Path real = dir.resolve("real");
        Files.createDirectory(real);
        Files.writeString(real.resolve("lvs.cf"), "serial_no = 1\n");
        Path link = Files.createSymbolicLink(dir.resolve("lvs.cf"), real.resolve("lvs.cf"));
        new ConfigFile(link).replace("serial_no = 2\n");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("serial_no = 2\n", Files.readString(real.resolve("lvs.cf")));
        assertEquals("serial_no = 1\n", Files.readString(real.resolve("lvs.cf.prev")));
    }

    @Test
    void restorePreviousPutsTheOldFileBack() throws IOException {
        Path f = file("serial_no = 1\n", "rw-------");
        ConfigFile cf = new ConfigFile(f);
        cf.replace("serial_no = 2\n");
        cf.restorePrevious();
        assertEquals("serial_no = 1\n", Files.readString(f));
        assertFalse(Files.exists(dir.resolve("lvs.cf.prev")));
    }

    @Test
    void textThatIsNotUtf8IsNotRead() throws IOException {
        Path f = dir.resolve("lvs.cf");
        Files.write(f, new byte[] {'a', (byte) 0xff, '\n'});
        IOException e = assertThrows(IOException.class, () -> new ConfigFile(f).read());
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    private List<String> names() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
