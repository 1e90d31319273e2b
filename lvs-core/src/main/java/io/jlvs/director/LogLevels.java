package io.jlvs.director;

import java.util.Optional;

/**
 * Changes the log levels of the running process: what the control socket's {@code log-level} command
 * ({@code jlvsctl log-level debug io.jlvs.health}) asks for. The director logs through SLF4J, which has
 * no API for levels, so the program that chose the logging backend supplies this
 * ({@link DirectorSettings.Builder#logLevels}); without it the command answers that levels are fixed.
 */
public interface LogLevels {
    /** The levels an operator may ask for, most to least verbose. */
    java.util.List<String> LEVELS = java.util.List.of("trace", "debug", "info", "warn", "error", "off");

    /**
     * Sets {@code logger} (a logger or package name; empty for the root logger, which every logger
     * without a level of its own follows) to {@code level}, one of {@link #LEVELS}, and returns what
     * changed, e.g. "io.jlvs.health: debug (was inherited: info)".
     *
     * @throws IllegalArgumentException when the level is not one of {@link #LEVELS}
     */
    String set(Optional<String> logger, String level);

    /** Checks {@code level} against {@link #LEVELS}, ignoring case; returns it in lower case. */
    static String checked(String level) {
        String l = level == null ? "" : level.strip().toLowerCase(java.util.Locale.ROOT);
        if (!LEVELS.contains(l)) {
            throw new IllegalArgumentException("log level must be one of " + String.join(", ", LEVELS) + ", got '" + level + "'");
        }
        return l;
    }
}
