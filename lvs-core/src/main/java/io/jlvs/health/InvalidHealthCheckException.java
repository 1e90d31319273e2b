package io.jlvs.health;

/**
 * A health check's settings cannot make a check: an unknown type or key, a missing key, or a value
 * that does not parse or is out of range. The message names the setting and the value (a password's
 * value is never shown), so a configuration loader can point at the line.
 */
public final class InvalidHealthCheckException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String value;

    public InvalidHealthCheckException(String setting, String value, String problem) {
        this(setting, value, problem, null);
    }

    public InvalidHealthCheckException(String setting, String value, String problem, Throwable cause) {
        super("health check setting " + setting + (value == null ? "" : " = '" + shown(setting, value) + "'")
                + ": " + problem, cause);
        this.setting = setting;
        this.value = value;
    }

    /** The key at fault, e.g. "timeout". */
    public String setting() {
        return setting;
    }

    /** The value at fault as written, or null when the key is missing. */
    public String value() {
        return value;
    }

    private static String shown(String setting, String value) {
        return setting.equals("password") ? "***" : value;
    }
}
