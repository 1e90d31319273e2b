package io.jlvs.config.internal;

import io.jlvs.config.NetworkMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the last successful parse of a file learnt about its virtual blocks, so that the next parse
 * can skip those that did not change. Immutable.
 *
 * <p>A virtual block's record, its warnings and the outcome of its per-block checks depend on its
 * text, its first line (every line number in them counts from there), the file name (in the
 * diagnostics) and one global setting: {@code network}, which decides whether its real servers may
 * be of another address family. Nothing else outside the block is read before the whole-file
 * checks, which run on every parse. So a block whose text starts on the same line with the same
 * characters, in a file of the same name, parsed under the same {@code network}, gives what it gave
 * last time. (Piranha raises {@code serial_no} on every save; that does not count.)
 */
public final class ParseMemory {
    public static final ParseMemory EMPTY = new ParseMemory("", null, "", Map.of());

    private final String file;
    private final NetworkMode network;
    private final String text;
    private final Map<Integer, KnownVirtual> byLine;

    private ParseMemory(String file, NetworkMode network, String text, Map<Integer, KnownVirtual> byLine) {
        this.file = file;
        this.network = network;
        this.text = text;
        this.byLine = byLine;
    }

    /** What a successful parse of {@code text} as {@code file} learnt; {@code virtuals} are all its virtual blocks. */
    public static ParseMemory of(String file, NetworkMode network, String text, List<BoundVirtual> virtuals) {
        Map<Integer, KnownVirtual> byLine = new HashMap<>(virtuals.size() * 2);
        for (BoundVirtual v : virtuals) {
            RawBlock b = v.block();
            if (b.start() < 0) {
                throw new IllegalStateException("virtual " + b.name() + " has no place in the text");
            }
            byLine.put(b.line(), new KnownVirtual(b.start(), b.end(), b.lastLine(), v.config(), v.keyLines(),
                    v.warnings()));
        }
        return new ParseMemory(Objects.requireNonNull(file, "file"), Objects.requireNonNull(network, "network"),
                text, byLine);
    }

    /** This memory for a parse of {@code fileName}; EMPTY for another name (remembered warnings name the file). */
    public ParseMemory forFile(String fileName) {
        return file.equals(fileName) ? this : EMPTY;
    }

    /** Whether blocks remembered here were checked under {@code global} network mode. */
    public boolean checkedUnder(NetworkMode global) {
        return network == global;
    }

    /**
     * The remembered block whose text starts on {@code line}, when {@code newText} holds exactly the
     * same text from {@code offset} (the start of that line) through the block's closing line;
     * else null. The caller must be at the top level with no block header awaiting its brace: then
     * reading that text again would give what it gave last time.
     */
    KnownVirtual match(String newText, int offset, int line) {
        KnownVirtual known = byLine.get(line);
        if (known == null) {
            return null;
        }
        int length = known.length();
        boolean ranToEnd = known.end() > text.length(); // the closing line had no newline
        if (ranToEnd) {
            // The closing line must still end there: at the end of the text or at a newline.
            int after = offset + length - 1;
            return after <= newText.length() && (after == newText.length() || newText.charAt(after) == '\n')
                    && newText.regionMatches(offset, text, known.start(), length - 1) ? known : null;
        }
        return newText.regionMatches(offset, text, known.start(), length) ? known : null;
    }
}
