package io.jlvs.config.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A block of the syntax tree: the file itself (kind "", top level), a {@code virtual} or a
 * {@code server}; its entries and nested blocks in file order.
 */
public final class RawBlock {
    private final String kind;
    private final String name;
    private final int line;
    private final List<RawEntry> entries = new ArrayList<>();
    private final List<RawBlock> children = new ArrayList<>();

    RawBlock(String kind, String name, int line) {
        this.kind = kind;
        this.name = name;
        this.line = line;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public int line() {
        return line;
    }

    public List<RawEntry> entries() {
        return entries;
    }

    public List<RawBlock> children() {
        return children;
    }
}
