package io.jlvs.director.internal;

import io.jlvs.config.Configuration;
import io.jlvs.director.ConfigurationRejectedException;
import java.nio.file.Path;

/** Reads and validates a configuration file; either all of it is usable or nothing is returned. */
@FunctionalInterface
public interface ConfigLoader {

    /** Reads {@code file}; throws with every problem (file:line: key: what) when any is found. */
    Configuration load(Path file) throws ConfigurationRejectedException;
}
