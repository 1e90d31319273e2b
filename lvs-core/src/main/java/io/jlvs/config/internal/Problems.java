package io.jlvs.config.internal;

import io.jlvs.config.ConfigException;
import io.jlvs.config.Diagnostic;
import java.util.ArrayList;
import java.util.Comparator;
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

    public int warningCount() {
        return warnings.size();
    }

    /** The warnings reported since there were {@code count}, in the order reported. */
    public List<Diagnostic> warningsSince(int count) {
        return List.copyOf(warnings.subList(count, warnings.size()));
    }

    /** Reports again warnings an earlier parse of the same file reported (each names this file already). */
    public void repeat(List<Diagnostic> earlier) {
        warnings.addAll(earlier);
    }

    /** The warnings by line (stable), those about the whole file (line 0) last. */
    public List<Diagnostic> warnings() {
        List<Diagnostic> sorted = new ArrayList<>(warnings);
        sorted.sort(Comparator.comparingInt(d -> d.line() == 0 ? Integer.MAX_VALUE : d.line()));
        return List.copyOf(sorted);
    }

    /** Throws a ConfigException with every error, sorted by line, if there were any. */
    public void throwIfErrors() throws ConfigException {
        if (!errors.isEmpty()) {
            List<Diagnostic> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(d -> d.line() == 0 ? Integer.MAX_VALUE : d.line()));
            throw new ConfigException(sorted, warnings());
        }
    }
}
