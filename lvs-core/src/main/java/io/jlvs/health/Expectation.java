package io.jlvs.health;

import io.jlvs.health.internal.check.Escapes;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What an answer must contain: nothing (any answer will do), a literal substring, or a regular
 * expression found anywhere in it (Piranha's {@code expect} with {@code use_regex}).
 *
 * <p>A literal may use the escapes of {@code send} ({@code \r \n \t \0 \\ \xHH}) and is compared
 * byte for byte. A regular expression is a {@link java.util.regex.Pattern}, searched with
 * {@code find()} in the answer read as ISO-8859-1, one character per byte, so that {@code \x00}
 * to {@code \xff} in the pattern match raw bytes.
 *
 * @param text  the literal (with escapes) or the pattern; empty = expect nothing
 * @param regex whether {@code text} is a regular expression
 */
public record Expectation(String text, boolean regex) {

    private static final Expectation NONE = new Expectation("", false);

    public Expectation {
        Objects.requireNonNull(text, "expect text");
        if (regex) {
            try {
                Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("expect regex '" + text + "' does not compile: "
                        + e.getDescription() + " near index " + e.getIndex(), e);
            }
        } else {
            Escapes.decode(text);
        }
    }

    public static Expectation none() {
        return NONE;
    }

    public static Expectation literal(String text) {
        return new Expectation(text, false);
    }

    public static Expectation regex(String pattern) {
        return new Expectation(pattern, true);
    }

    public boolean isNone() {
        return text.isEmpty();
    }

    /** A matcher for one probe, compiled once and fed the growing answer. */
    public Matcher matcher() {
        if (regex) {
            Pattern pattern = Pattern.compile(text);
            return (data, length) -> pattern.matcher(new String(data, 0, length, StandardCharsets.ISO_8859_1)).find();
        }
        byte[] needle = Escapes.decode(text);
        return (data, length) -> indexOf(data, length, needle) >= 0;
    }

    /** Whether the first {@code length} bytes of {@code data} satisfy this expectation. */
    public boolean foundIn(byte[] data, int length) {
        return matcher().matches(data, length);
    }

    @Override
    public String toString() {
        return isNone() ? "nothing" : (regex ? "regex /" + text + "/" : "'" + text + "'");
    }

    /** Tests an answer read so far. */
    @FunctionalInterface
    public interface Matcher {
        boolean matches(byte[] data, int length);
    }

    private static int indexOf(byte[] data, int length, byte[] needle) {
        if (needle.length == 0) {
            return 0;
        }
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
