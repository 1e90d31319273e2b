package io.jlvs.config;

import java.util.Objects;

/**
 * One problem found in a configuration file, with where it is.
 *
 * <p>{@code toString()} reads like a compiler message: {@code "lvs.cf:14: weight: must be 0..65535,
 * got -1"}; the key part is left out when the problem is not about one key (a stray brace).
 *
 * @param file the file's name as the user gave it
 * @param line 1-based; 0 when the problem is about the whole file
 * @param key the key or block the problem is about; empty when none
 * @param message what is wrong, with the offending value
 * @param severity an error stops the configuration from being used; a warning does not
 */
public record Diagnostic(String file, int line, String key, String message, Severity severity) {

    /** Whether the configuration can still be used. */
    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key (use \"\")");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
        if (line < 0) {
            throw new IllegalArgumentException("line " + line + " is negative");
        }
    }

    public static Diagnostic error(String file, int line, String key, String message) {
        return new Diagnostic(file, line, key, message, Severity.ERROR);
    }

    public static Diagnostic warning(String file, int line, String key, String message) {
        return new Diagnostic(file, line, key, message, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (severity == Severity.WARNING) {
            text.append("warning: ");
        }
        if (!key.isEmpty()) {
            text.append(key).append(": ");
        }
        return text.append(message).toString();
    }
}
