package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo camera's request lines (scripts/lib/demo-console.sh writes them). */
class StatusScreenshotsTest {
    @Test
    void aLineNamesTheFileTheRoleAndTheConsole() {
        StatusScreenshots.Shot shot = StatusScreenshots.Shot.parse("/tmp/demo/console-before=BACKUP=http://127.0.0.1:8481");
        assertEquals(Path.of("/tmp/demo/console-before.png"), shot.file());
        assertEquals("BACKUP", shot.role());
        assertEquals("http://127.0.0.1:8481/", shot.url(), "the login path is added to it");
    }

    @Test
    void aLineWithoutTheThreePartsIsRefusedNamingIt() {
        for (String bad : new String[] {"", "name=ACTIVE", "=ACTIVE=http://x/", "name==http://x/", "name=ACTIVE=file:///etc/passwd"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatusScreenshots.Shot.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
