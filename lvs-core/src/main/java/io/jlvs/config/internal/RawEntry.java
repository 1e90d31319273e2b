package io.jlvs.config.internal;

/**
 * One {@code key = value} line as written.
 *
 * @param key the key, as written (keys are case-sensitive, as in Piranha)
 * @param value the value without surrounding quotes and with surrounding spaces trimmed
 * @param quoted whether the value was in double quotes
 * @param line 1-based line number
 */
public record RawEntry(String key, String value, boolean quoted, int line) {}
