package io.jlvs.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used: every error found (not just the first), each naming file,
 * line and key, plus the warnings seen on the way. The message lists the errors one per line.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> errors;
    private final transient List<Diagnostic> warnings;

    public ConfigException(List<Diagnostic> errors, List<Diagnostic> warnings) {
        super(errors.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    /** A single error. */
    public ConfigException(Diagnostic error) {
        this(List.of(error), List.of());
    }

    /** The errors, in file order. */
    public List<Diagnostic> errors() {
        return errors;
    }

    /** The warnings, in file order. */
    public List<Diagnostic> warnings() {
        return warnings;
    }
}
