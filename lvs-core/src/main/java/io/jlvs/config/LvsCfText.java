package io.jlvs.config;

import io.jlvs.config.internal.LvsCfEdit;
import io.jlvs.config.internal.RawBlock;
import io.jlvs.config.internal.RawEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lvs.cf text edited key by key, as a form edits it: everything but the changed key's line stays as
 * written (comments, blank lines, order, layout). Only the file's syntax is read here; whether the
 * result is a valid configuration is {@link LvsCf#parse}'s to say (or the director's, with
 * {@code jlvsd --check}).
 */
public final class LvsCfText {
    private LvsCfText() {}

    /**
     * A block of the file as written: the global section (kind {@code ""}), a {@code virtual} or a
     * {@code server}, with its keys in file order (the last one where a key is repeated).
     */
    public record Block(String kind, String name, int line, Map<String, String> values, List<Block> blocks) {
        public Block {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            blocks = List.copyOf(blocks);
        }
    }

    /** The blocks and keys of {@code text}; throws with the syntax errors (each {@code file:line: key: what}). */
    public static Block outline(String fileName, String text) throws ConfigException {
        return block(LvsCfEdit.read(fileName, text));
    }

    /**
     * {@code text} with {@code key} of the block at {@code path} set to {@code value}: {@code []} is the
     * global section, {@code [VIRTUAL]} a virtual block, {@code [VIRTUAL, SERVER]} one of its servers. An
     * existing key's line is rewritten in place, a new key is added after the block's last key, and an
     * empty value removes the key's line. Values are quoted when they must be.
     *
     * @throws ConfigException when {@code text} has syntax errors
     * @throws IllegalArgumentException when there is no such block, or the key or value cannot be written
     */
    public static String set(String fileName, String text, List<String> path, String key, String value) throws ConfigException {
        return LvsCfEdit.set(fileName, text, path, key, value);
    }

    private static Block block(RawBlock raw) {
        Map<String, String> values = new LinkedHashMap<>();
        for (RawEntry e : raw.entries()) {
            values.put(e.key(), e.value());
        }
        return new Block(raw.kind(), raw.name(), raw.line(), values, raw.children().stream().map(LvsCfText::block).toList());
    }
}
