package io.jlvs.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a virtual server's real servers are checked: Piranha's nanny keys and jLVS's {@code check_*},
 * {@code rise} and {@code fall} extensions.
 *
 * <p>{@link #settings()} holds every check-related key exactly as written in the file (Piranha's
 * {@code send}, {@code expect}, {@code use_regex}, {@code send_program}, {@code timeout},
 * {@code reentry} and every {@code check_*} key), in file order, for the health-check factory
 * ({@code io.jlvs.health}) to turn into a check; values keep their escapes ({@code \r\n} in
 * {@code send} is four characters here, as nanny also reads them).
 *
 * @param send {@code send}: what to send after connecting
 * @param expect {@code expect}: what the answer must contain (or match, with use_regex)
 * @param useRegex {@code use_regex}: expect is a regular expression
 * @param sendProgram {@code send_program}: a program to run instead (%h is the server's address)
 * @param timeout {@code timeout}: how long a server may fail to answer before it counts as down
 * @param reentry {@code reentry}: how long a failed server must answer before it comes back
 * @param loadMonitor {@code load_monitor}: none, uptime, rup or ruptime (Piranha's load-based weights)
 * @param rise {@code rise} (jLVS): successes in a row to mark a down server up
 * @param fall {@code fall} (jLVS): failures in a row to mark an up server down
 * @param settings the check keys as written, see above
 */
public record HealthCheckConfig(
        Optional<String> send,
        Optional<String> expect,
        boolean useRegex,
        Optional<String> sendProgram,
        Duration timeout,
        Duration reentry,
        String loadMonitor,
        int rise,
        int fall,
        Map<String, String> settings) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(6);
    public static final Duration DEFAULT_REENTRY = Duration.ofSeconds(15);

    public HealthCheckConfig {
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(expect, "expect");
        Objects.requireNonNull(sendProgram, "sendProgram");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(reentry, "reentry");
        Objects.requireNonNull(loadMonitor, "loadMonitor");
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be at least 1, got " + rise + " and " + fall);
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** No check settings at all: every default. */
    public static HealthCheckConfig defaults() {
        return new HealthCheckConfig(Optional.empty(), Optional.empty(), false, Optional.empty(),
                DEFAULT_TIMEOUT, DEFAULT_REENTRY, "none", 1, 1, Map.of());
    }

    /** {@code check_type}, when given (jLVS: tcp, http, https, program, ...). */
    public Optional<String> checkType() {
        return Optional.ofNullable(settings.get("check_type"));
    }
}
