package io.jlvs.director.internal;

import io.jlvs.config.Configuration;
import io.jlvs.director.ConfigurationRejectedException;
import java.nio.file.Path;
import java.util.List;

/** Reads and validates a configuration file; either all of it is usable or nothing is returned. */
@FunctionalInterface
public interface ConfigLoader {

    /** Reads {@code file}; throws with every problem (file:line: key: what) when any is found. */
    Configuration load(Path file) throws ConfigurationRejectedException;

    /**
     * Validates {@code text} as {@link #load} would read it from {@code file} (the same checks, the
     * problems naming {@code file}), without reading or writing the file: an edit's review.
     */
    default Configuration load(Path file, String text) throws ConfigurationRejectedException {
        throw new ConfigurationRejectedException(file, List.of(file + ": this director's loader cannot check a text before it is written"));
    }
}
