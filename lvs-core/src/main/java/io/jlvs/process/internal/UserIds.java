package io.jlvs.process.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * User and group names as numeric ids, the way the system's name service answers ({@code getent(1)},
 * so LDAP or systemd's dynamic users count as they would for {@code su}), and whether this process may
 * run a program as another user ({@code CAP_SETUID} and {@code CAP_SETGID} in its effective set).
 */
public final class UserIds {
    /** CAP_SETGID and CAP_SETUID, bits 6 and 7 of a capability set (linux/capability.h). */
    private static final long SETUID_SETGID = (1L << 6) | (1L << 7);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private UserIds() {}

    /** A numeric user and group. */
    public record Ids(int uid, int gid) {}

    /**
     * {@code user}'s uid with {@code group}'s gid, or with the user's primary group when {@code group}
     * is empty; a name the system does not know throws {@link IllegalArgumentException} saying so.
     */
    public static Ids lookup(String user, Optional<String> group) throws InterruptedException {
        List<String> passwd = entry("passwd", user);
        int uid = number(passwd, 2, "passwd", user);
        int gid = group.isPresent() ? number(entry("group", group.get()), 2, "group", group.get())
                : number(passwd, 3, "passwd", user);
        return new Ids(uid, gid);
    }

    /** Why this process cannot run programs as another user, or empty when it can. */
    public static Optional<String> cannotSwitchUser() {
        return cannotSwitchUser(Path.of("/proc/self/status"));
    }

    static Optional<String> cannotSwitchUser(Path status) {
        String text;
        try {
            text = Files.readString(status, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.of("cannot read " + status + ": " + e.getMessage());
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("CapEff:")) {
                long effective = Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
                return (effective & SETUID_SETGID) == SETUID_SETGID ? Optional.empty()
                        : Optional.of("this process lacks CAP_SETUID and CAP_SETGID (effective set " + Long.toHexString(effective)
                                + "), which running a program as another user needs");
            }
        }
        return Optional.of(status + " has no CapEff line");
    }

    private static List<String> entry(String database, String name) throws InterruptedException {
        ProcessRunner.Outcome run;
        try {
            run = ProcessRunner.direct(LOOKUP_TIMEOUT, 4096).run(List.of("getent", database, name), Map.of());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot look up " + database + " entry '" + name + "': getent: " + e.getMessage());
        }
        // getent exits 2 for "not found"; any other failure is reported as such.
        if (run.timedOut() || run.exitCode() != 0) {
            throw new IllegalArgumentException(run.exitCode() == 2
                    ? "no " + (database.equals("passwd") ? "user" : "group") + " '" + name + "' on this machine"
                    : "cannot look up " + database + " entry '" + name + "': getent " + (run.timedOut()
                            ? "timed out" : "exited " + run.exitCode()));
        }
        return List.of(run.stdoutFirstLine().split(":", -1));
    }

    private static int number(List<String> fields, int index, String database, String name) {
        try {
            return Integer.parseInt(fields.get(index));
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("getent " + database + " " + name + " gave an entry without a number in field "
                    + (index + 1) + ": " + String.join(":", fields));
        }
    }
}
