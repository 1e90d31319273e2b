package io.jlvs.config.internal;

import io.jlvs.config.ConfigException;
import io.jlvs.config.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one file, so that parsing goes on after an error and reports them all. */
public final class Problems {
    private final String file;
    private final List<Diagnostic> errors = new ArrayList<>();
    private final List<Diagnostic> warnings = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public void error(int line, String key, String message) {
        errors.add(Diagnostic.error(file, line, key, message));
    }

    public void warning(int line, String key, String message) {
        warnings.add(Diagnostic.warning(file, line, key, message));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public int errorCount() {
        return errors.size();
    }

    public List<Diagnostic> warnings() {
        return List.copyOf(warnings);
    }

    /** Throws a ConfigException with every error, sorted by line, if there were any. */
    public void throwIfErrors() throws ConfigException {
        if (!errors.isEmpty()) {
            List<Diagnostic> sorted = new ArrayList<>(errors);
            sorted.sort((a, b) -> Integer.compare(a.line(), b.line()));
            throw new ConfigException(sorted, warnings);
        }
    }
}
