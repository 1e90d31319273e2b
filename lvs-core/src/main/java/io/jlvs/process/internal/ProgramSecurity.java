package io.jlvs.process.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a program may be run by a director running as root, as keepalived's
 * {@code enable_script_security} judges it: the program and every directory on its path must be
 * writable by root alone, or a user who could write there could make root run anything. A directory
 * writable by others but sticky ({@code /tmp}) is accepted: others cannot replace an entry they do
 * not own. Symbolic links are followed, and their targets judged too.
 */
public final class ProgramSecurity {
    private static final int GROUP_WRITE = 0020;
    private static final int OTHER_WRITE = 0002;
    private static final int STICKY = 01000;

    private ProgramSecurity() {}

    /** Why {@code program} (an absolute path) is unsafe to run as root, or empty when it is safe. */
    public static Optional<String> unsafeBecause(Path program) {
        if (!program.isAbsolute()) {
            return Optional.of(program + " is not an absolute path (a PATH search cannot be judged)");
        }
        Path real;
        try {
            real = program.toRealPath();
        } catch (IOException e) {
            return Optional.of(program + " cannot be resolved: " + e.getMessage());
        }
        for (Path p = real; p != null; p = p.getParent()) {
            Optional<String> unsafe = writableByOthers(p, p.equals(real));
            if (unsafe.isPresent()) {
                return unsafe;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> writableByOthers(Path p, boolean isProgram) {
        int mode;
        int uid;
        int gid;
        try {
            mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            gid = (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of(p + " cannot be inspected: " + e.getMessage());
        }
        String what = isProgram ? "the program " + p : "its directory " + p;
        boolean sticky = !isProgram && (mode & STICKY) != 0;
        if (uid != 0) {
            return Optional.of(what + " is owned by uid " + uid + ", not root");
        }
        if ((mode & GROUP_WRITE) != 0 && gid != 0 && !sticky) {
            return Optional.of(what + " is writable by group " + gid);
        }
        if ((mode & OTHER_WRITE) != 0 && !sticky) {
            return Optional.of(what + " is writable by every user");
        }
        return Optional.empty();
    }
}
