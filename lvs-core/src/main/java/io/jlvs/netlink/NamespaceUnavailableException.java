package io.jlvs.netlink;

import io.jlvs.sys.Errno;
import java.nio.file.Path;

/**
 * A network namespace could not be entered: its file does not exist (no {@code ip netns add} for that
 * name, or the process behind a {@code /proc/PID/ns/net} path has gone), or this process may not enter
 * it (setns needs CAP_SYS_ADMIN). {@link #errno()} is open's or setns's.
 */
public final class NamespaceUnavailableException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    NamespaceUnavailableException(Path path, String step, int errno) {
        super(describe(path, step, errno), errno, null);
        this.path = path;
    }

    private static String describe(Path path, String step, int errno) {
        String why = switch (Errno.name(errno)) {
            case "ENOENT" -> "it does not exist" + (path.startsWith("/run/netns")
                    ? " (make it with 'ip netns add " + path.getFileName() + "', or check the name)" : "");
            case "EPERM", "EACCES" -> "not permitted: entering a network namespace needs root (CAP_SYS_ADMIN)";
            case "EINVAL" -> "it is not a network namespace file";
            default -> Errno.describe(errno) + " (" + Errno.name(errno) + ")";
        };
        return "cannot enter network namespace " + path + " (" + step + "): " + why;
    }

    /** The namespace file that could not be entered. */
    public Path path() {
        return path;
    }
}
