package io.jlvs.director.internal;

import java.time.Duration;
import java.util.List;

/**
 * What the control socket can ask of a director. Results are plain values (records, lists, maps)
 * that the protocol writes as JSON. Bad arguments throw {@link IllegalArgumentException} with a
 * message for the operator.
 */
public interface ControlTarget {
    Object status();

    /** Returns the number of operations applied; throws when the file is rejected (old one kept). */
    int reload() throws Exception;

    /** The restart-only settings the configuration in force changed: "keepalive (2s -> 1s)", none when in step. */
    default List<String> restartNeeded() {
        return List.of();
    }

    List<String> plan();

    void weight(String service, String server, int weight);

    void enable(String service, String server, boolean enabled);

    Object drain(String service, String server, Duration timeout) throws InterruptedException;

    /** The editing of lvs.cf ({@code config}, {@code plan} with a text, {@code apply-config}). */
    default ConfigEdits configEdits() {
        throw new IllegalArgumentException("this director does not edit its configuration through the control socket");
    }

    /** Sets a logger's level (empty: the root logger); returns what changed. The level is already checked. */
    default String logLevel(java.util.Optional<String> logger, String level) {
        throw new IllegalArgumentException("this director's log levels are fixed (it was started without a way to change them)");
    }
}
