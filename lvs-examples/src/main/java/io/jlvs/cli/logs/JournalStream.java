package io.jlvs.cli.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is systemd's journal stream. systemd sets {@code JOURNAL_STREAM=DEV:INODE} for a
 * service whose stderr (or stdout) it connected to journald (systemd.exec(5)); a child that inherited the
 * variable but writes elsewhere (a redirect, a pipe) must not be taken for one, so the file stderr is
 * must be that very one.
 */
final class JournalStream {
    private JournalStream() {
    }

    /** True when this process's stderr is the journal stream {@code $JOURNAL_STREAM} names. */
    static boolean stderrIsJournal() {
        return matches(System.getenv("JOURNAL_STREAM"), Path.of("/proc/self/fd/2"));
    }

    /** True when {@code variable} ("DEV:INODE", decimal) names the file {@code file} is (its link followed). */
    static boolean matches(String variable, Path file) {
        if (variable == null) {
            return false;
        }
        String[] parts = variable.strip().split(":");
        if (parts.length != 2) {
            return false;
        }
        try {
            long dev = Long.parseLong(parts[0]);
            long ino = Long.parseLong(parts[1]);
            return ((Number) Files.getAttribute(file, "unix:dev")).longValue() == dev
                    && ((Number) Files.getAttribute(file, "unix:ino")).longValue() == ino;
        } catch (NumberFormatException | IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
