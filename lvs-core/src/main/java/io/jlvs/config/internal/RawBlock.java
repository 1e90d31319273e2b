package io.jlvs.config.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A block of the syntax tree: the file itself (kind "", top level), a {@code virtual} or a
 * {@code server}; its entries and nested blocks in file order. A top-level block also knows where
 * its text lies in the file, so that the next parse can recognise it; a virtual block the reader
 * recognised as unchanged from an earlier parse ({@link #known()}) has no entries or children.
 */
public final class RawBlock {
    private final String kind;
    private final String name;
    private final int line;
    private final List<RawEntry> entries = new ArrayList<>();
    private final List<RawBlock> children = new ArrayList<>();
    private final KnownVirtual known;
    private int start = -1;
    private int end = -1;
    private int lastLine;

    RawBlock(String kind, String name, int line) {
        this(kind, name, line, null);
    }

    private RawBlock(String kind, String name, int line, KnownVirtual known) {
        this.kind = kind;
        this.name = name;
        this.line = line;
        this.known = known;
    }

    /** A virtual block found unchanged at {@code start}: the reader skipped its text. */
    static RawBlock reused(KnownVirtual known, int start) {
        RawBlock block = new RawBlock("virtual", known.config().name(), known.config().line(), known);
        block.span(start, start + known.length(), known.lastLine());
        return block;
    }

    /** Where the block's text lies: from the start of its header line to just past its closing line. */
    void span(int start, int end, int lastLine) {
        this.start = start;
        this.end = end;
        this.lastLine = lastLine;
    }

    /** Whether this is a stand-in for a block unchanged since an earlier parse ({@link #known()}). */
    public boolean reused() {
        return known != null;
    }

    /** The remembered block this one is unchanged from; null when it was read entry by entry. */
    KnownVirtual known() {
        return known;
    }

    /** Offset of the start of the header line; -1 when not a closed top-level block. */
    int start() {
        return start;
    }

    /** Offset just past the closing line's newline (length + 1 when the file ends on that line without one). */
    int end() {
        return end;
    }

    /** The line of the closing brace. */
    int lastLine() {
        return lastLine;
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
