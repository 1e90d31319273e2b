package io.jlvs.ipvs;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks whose messages name the bad value, shared by the value types. */
final class Checks {
    private Checks() {}

    /** Kernel module-style names: schedulers, persistence engines. */
    private static final Pattern MODULE_NAME = Pattern.compile("[a-z0-9_]+");

    static int port(int port, String what) {
        return range(port, 0, 0xFFFF, what);
    }

    static int range(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is out of range " + min + ".." + max);
        }
        return value;
    }

    /**
     * A name the kernel uses to load a module ("ip_vs_" + name): 1..maxLength characters of
     * a-z, 0-9 and '_' (the kernel buffers hold maxLength characters plus NUL).
     */
    static String moduleName(String name, String what, int maxLength) {
        Objects.requireNonNull(name, what);
        if (name.isEmpty() || name.length() > maxLength || !MODULE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' must be 1.." + maxLength
                    + " characters of a-z, 0-9 and _");
        }
        return name;
    }

    /** A duration of whole seconds within min..max seconds. */
    static Duration wholeSeconds(Duration duration, String what, long minSeconds, long maxSeconds) {
        Objects.requireNonNull(duration, what);
        if (duration.getNano() != 0) {
            throw new IllegalArgumentException(what + " " + duration + " is not a whole number of seconds");
        }
        long seconds = duration.getSeconds();
        if (seconds < minSeconds || seconds > maxSeconds) {
            throw new IllegalArgumentException(what + " " + seconds + " s is out of range "
                    + minSeconds + ".." + maxSeconds + " s");
        }
        return duration;
    }
}
