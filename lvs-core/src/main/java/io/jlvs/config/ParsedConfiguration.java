package io.jlvs.config;

import java.util.List;
import java.util.Objects;

/**
 * A configuration that parsed and validated, with the warnings found on the way (unknown keys,
 * settings without effect, keys an importer could not carry over). Callers should log the warnings.
 */
public record ParsedConfiguration(Configuration configuration, List<Diagnostic> warnings) {
    public ParsedConfiguration {
        Objects.requireNonNull(configuration, "configuration");
        warnings = List.copyOf(warnings);
    }
}
