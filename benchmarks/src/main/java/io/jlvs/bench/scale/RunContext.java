package io.jlvs.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link ScaleRun} gets from the runner: the mode (full or short), a private working directory,
 * fresh namespaces, a way to run commands, and a progress log on stderr. Closing it deletes the
 * namespaces the run made.
 */
public final class RunContext implements AutoCloseable {
    private final String runName;
    private final boolean shortMode;
    private final Path workDir;
    private final Command command;
    private final List<ScaleNamespace> namespaces = new ArrayList<>();

    public RunContext(String runName, boolean shortMode, Path workDir) throws IOException {
        this.runName = runName;
        this.shortMode = shortMode;
        this.workDir = Files.createDirectories(workDir);
        this.command = new Command(this.workDir);
    }

    /** True when the run should do everything once with small sizes (CI proving it still works). */
    public boolean shortMode() {
        return shortMode;
    }

    /** {@code full} normally, {@code small} in short mode: e.g. {@code size(10_000, 20)} services. */
    public int size(int full, int small) {
        return shortMode ? small : full;
    }

    /**
     * How many rounds to measure: {@code full}, but at least {@link Rounds#MINIMUM}, normally; one in
     * short mode.
     */
    public int rounds(int full) {
        return shortMode ? 1 : Math.max(Rounds.MINIMUM, full);
    }

    /** A directory of this run's own (configuration files, logs, command output). */
    public Path workDir() {
        return workDir;
    }

    /** Runs commands outside any namespace of the run's (in the runner's own). */
    public Command command() {
        return command;
    }

    /** A new namespace with lo up and an empty IPVS table; deleted when this context closes at the latest. */
    public ScaleNamespace newNamespace() throws IOException, InterruptedException {
        ScaleNamespace ns = ScaleNamespace.create(command);
        namespaces.add(ns);
        return ns;
    }

    /** A progress line on stderr, prefixed with the run's name. */
    public void log(String format, Object... args) {
        System.err.println("[" + runName + "] " + String.format(Locale.ROOT, format, args));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        IOException first = null;
        for (ScaleNamespace ns : namespaces) {
            try {
                ns.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
