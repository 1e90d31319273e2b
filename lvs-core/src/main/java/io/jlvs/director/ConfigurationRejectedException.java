package io.jlvs.director;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A configuration file that cannot be used: each problem names the file, the line and what is wrong.
 * Thrown by a start or a reload; on a reload the configuration already running stays in force.
 */
public final class ConfigurationRejectedException extends Exception {
    private final Path file;
    private final List<String> problems;

    /** @param problems each one "file:line: key: what is wrong", in file order; at least one */
    public ConfigurationRejectedException(Path file, List<String> problems) {
        super(summary(file, problems));
        this.file = Objects.requireNonNull(file, "file");
        this.problems = List.copyOf(problems);
    }

    private static String summary(Path file, List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a rejected configuration needs at least one problem");
        }
        return problems.size() == 1
                ? problems.get(0)
                : file + ": " + problems.size() + " problems:\n  " + String.join("\n  ", problems);
    }

    public Path file() {
        return file;
    }

    /** Every problem found, each naming file and line. */
    public List<String> problems() {
        return problems;
    }
}
