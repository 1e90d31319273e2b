package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jlvs-console passwd writes an Argon2id hash that verifies, and never the password. */
class PasswdTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int passwd(String stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return JlvsConsole.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void writesAHashThatVerifiesAndNotThePassword() throws Exception {
        Path users = dir.resolve("users");
        assertEquals(0, passwd("s3cret-enough\n", "passwd", "olga", "--role", "operator", "--users", users.toString(), "--stdin"), err.toString());
        String text = Files.readString(users);
        assertFalse(text.contains("s3cret-enough"), text);
        assertTrue(text.contains("olga:operator:$argon2id$v=19$m=65536,t=3,p=1$"), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        UsersFile file = UsersFile.load(users);
        assertEquals(Role.OPERATOR, file.authenticate("olga", "s3cret-enough".toCharArray()).orElseThrow().role());
        assertTrue(file.authenticate("olga", "s3cret-enougH".toCharArray()).isEmpty());
    }

    @Test
    void replacesOnlyItsOwnUsersLine() throws Exception {
        Path users = dir.resolve("users");
        assertEquals(0, passwd("first-password\n", "passwd", "olga", "--users", users.toString(), "--stdin"));
        assertEquals(0, passwd("victors-password\n", "passwd", "victor", "--users", users.toString(), "--stdin"));
        assertEquals(0, passwd("second-password\n", "passwd", "olga", "--role", "operator", "--users", users.toString(), "--stdin"));
        UsersFile file = UsersFile.load(users);
        assertEquals(2, file.size());
        assertTrue(file.authenticate("olga", "first-password".toCharArray()).isEmpty());
        assertEquals(Role.OPERATOR, file.authenticate("olga", "second-password".toCharArray()).orElseThrow().role());
        assertEquals(Role.VIEWER, file.authenticate("victor", "victors-password".toCharArray()).orElseThrow().role());
    }

    @Test
    void refusesBadInputWithAReason() {
        Path users = dir.resolve("users");
        assertEquals(1, passwd("short\n", "passwd", "olga", "--users", users.toString(), "--stdin"));
        assertTrue(err.toString().contains("at least 8 characters"), err.toString());
        assertEquals(1, passwd("long-enough-pw\n", "passwd", "olga", "--role", "admin", "--users", users.toString(), "--stdin"));
        assertTrue(err.toString().contains("role must be viewer or operator, got 'admin'"), err.toString());
        assertEquals(1, passwd("long-enough-pw\n", "passwd", "ol:ga", "--users", users.toString(), "--stdin"));
        assertFalse(Files.exists(users));
    }

    @Test
    void aChosenCostIsWrittenInTheHashAndWarnedAboutWhenWeaker() throws Exception {
        Path users = dir.resolve("users");
        assertEquals(0, passwd("s3cret-enough\n", "passwd", "olga", "--users", users.toString(), "--stdin", "--memory", "1024", "--passes", "1"), err.toString());
        assertTrue(Files.readString(users).contains("olga:viewer:$argon2id$v=19$m=1024,t=1,p=1$"), Files.readString(users));
        assertTrue(err.toString().contains("warning: 1024 KiB and 1 pass(es) per hash"), err.toString());
        UsersFile file = UsersFile.load(users);
        assertTrue(file.authenticate("olga", "s3cret-enough".toCharArray()).isPresent());
        assertTrue(file.authenticate("nobody", "s3cret-enough".toCharArray()).isEmpty());

        err.getBuffer().setLength(0);
        assertEquals(0, passwd("s3cret-enough\n", "passwd", "victor", "--users", users.toString(), "--stdin", "--memory", "131072", "--passes", "3"), err.toString());
        assertFalse(err.toString().contains("warning"), err.toString());
    }

    @Test
    void refusesACostOutOfRangeAndWritesNothing() {
        Path users = dir.resolve("users");
        assertEquals(1, passwd("long-enough-pw\n", "passwd", "olga", "--users", users.toString(), "--stdin", "--memory", "4"));
        assertTrue(err.toString().contains("Argon2id memory must be 8 to 1048576 KiB, got 4"), err.toString());
        assertEquals(1, passwd("long-enough-pw\n", "passwd", "olga", "--users", users.toString(), "--stdin", "--passes", "21"));
        assertTrue(err.toString().contains("Argon2id passes must be 1 to 20, got 21"), err.toString());
        assertFalse(Files.exists(users));
    }

    @Test
    void aUsersFileWithAHashOutOfRangeIsNotVerified() throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, "olga:viewer:$argon2id$v=19$m=9999999,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> UsersFile.load(users));
        assertTrue(e.getMessage().contains("memory must be 8 to 1048576 KiB, got 9999999"), e.getMessage());
    }
}
