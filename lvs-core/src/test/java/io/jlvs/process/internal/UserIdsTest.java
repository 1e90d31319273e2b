package io.jlvs.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names become ids the way the system's name service answers; capabilities are read from the kernel. */
class UserIdsTest {
    @TempDir
    Path dir;

    @Test
    void aUserGetsItsPrimaryGroupOrTheGroupNamed() throws Exception {
        assertEquals(new UserIds.Ids(65534, 65534), UserIds.lookup("nobody", Optional.empty()));
        assertEquals(new UserIds.Ids(0, 65534), UserIds.lookup("root", Optional.of("nogroup")));
        assertEquals(new UserIds.Ids(65534, 0), UserIds.lookup("65534", Optional.of("0")));
    }

    @Test
    void unknownNamesAreSaidToBeUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserIds.lookup("jlvs-no-such-user", Optional.empty()));
        assertEquals("no user 'jlvs-no-such-user' on this machine", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UserIds.lookup("nobody", Optional.of("jlvs-no-such-group")));
        assertEquals("no group 'jlvs-no-such-group' on this machine", e.getMessage());
    }

    @Test
    void switchingUserNeedsBothCapabilities() throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nCapEff:\t000001ffffffffff\n");
        assertEquals(Optional.empty(), UserIds.cannotSwitchUser(status));

        Files.writeString(status, "Name:\tjava\nCapEff:\t0000000000003000\n");   // NET_ADMIN and NET_RAW only
        String why = UserIds.cannotSwitchUser(status).orElseThrow();
        assertTrue(why.contains("lacks CAP_SETUID and CAP_SETGID"), why);

        Files.writeString(status, "Name:\tjava\nCapEff:\t0000000000000040\n");   // SETGID without SETUID
        assertTrue(UserIds.cannotSwitchUser(status).isPresent());
    }
}
