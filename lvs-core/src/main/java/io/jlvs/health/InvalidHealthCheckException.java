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
    private final String problem;

    public InvalidHealthCheckException(String setting, String value, String problem) {
        this(setting, value, problem, null);
    }

    public InvalidHealthCheckException(String setting, String value, String problem, Throwable cause) {
        super("health check setting " + setting + (value == null ? "" : " = '" + shown(setting, value) + "'")
                + ": " + problem, cause);
        this.setting = setting;
        this.value = value;
        this.problem = problem;
    }

    /** What is wrong, without the setting and value. */
    public String problem() {
        return problem;
    }

    /** The same problem under another name for the setting (a configuration's own key for it). */
    public InvalidHealthCheckException renamed(String newSetting) {
        return new InvalidHealthCheckException(newSetting, value, problem, this);
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
