package io.jlvs.config.internal;

import io.jlvs.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes one key of lvs.cf text in place: the key's line is rewritten (its indentation and comment
 * kept), a new key gets a line of its own after the block's last key, an empty value removes the
 * line. Every other line stays byte for byte, comments, blank lines and order included. The lines
 * are found with {@link LvsCfReader}, the same reader the parser uses.
 */
public final class LvsCfEdit {
    private static final String INDENT = "     ";   // Piranha's five spaces

    private LvsCfEdit() {}

    /** The syntax tree of {@code text}; throws with the reader's errors (unclosed blocks, lines that are not keys). */
    public static RawBlock read(String fileName, String text) throws ConfigException {
        Problems problems = new Problems(fileName);
        RawBlock root = LvsCfReader.read(text, problems);
        problems.throwIfErrors();
        return root;
    }

    /**
     * {@code text} with {@code key} of the block at {@code path} ({@code []} the global section,
     * {@code [virtual]}, {@code [virtual, server]}) set to {@code value}, or removed when it is empty.
     */
    public static String set(String fileName, String text, List<String> path, String key, String value) throws ConfigException {
        if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("'" + key + "' is not a key (letters, digits and '_')");
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw new IllegalArgumentException(key + ": a value is one line of text, without control characters");
        }
        RawBlock block = find(read(fileName, text), path);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        RawEntry entry = null;
        for (RawEntry e : block.entries()) {
            if (e.key().equals(key)) {
                entry = e;
            }
        }
        String v = value.strip();
        if (entry != null && v.isEmpty()) {
            lines.remove(entry.line() - 1);
        } else if (entry != null) {
            String old = lines.get(entry.line() - 1);
            boolean cr = old.endsWith("\r");
            String indent = old.substring(0, old.length() - old.stripLeading().length());
            String comment = comment(old, cr);
            lines.set(entry.line() - 1, indent + key + " = " + format(v, entry.quoted()) + comment + (cr ? "\r" : ""));
        } else if (!v.isEmpty()) {
            int after = insertAfter(block, lines);
            String reference = lines.get(after - 1);
            String indent = block.entries().isEmpty() ? leading(reference) + (block.kind().isEmpty() ? "" : INDENT) : leading(reference);
            lines.add(after, indent + key + " = " + format(v, false) + (reference.endsWith("\r") ? "\r" : ""));
        }
        return String.join("\n", lines);
    }

    private static RawBlock find(RawBlock root, List<String> path) {
        if (path.size() > 2) {
            throw new IllegalArgumentException("a block is the global section, a virtual or a virtual's server: " + path);
        }
        RawBlock at = root;
        for (int i = 0; i < path.size(); i++) {
            String kind = i == 0 ? "virtual" : "server";
            RawBlock found = null;
            for (RawBlock child : at.children()) {
                if (child.kind().equals(kind) && child.name().equals(path.get(i))) {
                    found = child;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("no " + kind + " " + path.get(i) + (i == 0 ? "" : " in virtual " + path.get(0)));
            }
            at = found;
        }
        return at;
    }

    /** The 1-based line after which a new key of {@code block} goes (0: the file's start). */
    private static int insertAfter(RawBlock block, List<String> lines) {
        if (!block.entries().isEmpty()) {
            return block.entries().get(block.entries().size() - 1).line();
        }
        if (block.kind().isEmpty()) {
            return 0;
        }
        // A block without keys: right after its opening brace (on its header line or the next line with text).
        int header = block.line();
        if (lines.get(header - 1).contains("{")) {
            return header;
        }
        for (int i = header; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("{")) {
                return i + 1;
            }
        }
        return header;
    }

    private static String leading(String line) {
        return line.substring(0, line.length() - line.stripLeading().length());
    }

    /** The line's comment with the space before it ("" when it has none). */
    private static String comment(String line, boolean cr) {
        String body = cr ? line.substring(0, line.length() - 1) : line;
        String code = LvsCfReader.stripComment(body);
        if (code.length() == body.length()) {
            return "";
        }
        String stripped = code.stripTrailing();
        return body.substring(stripped.length());
    }

    /**
     * As the reader reads it back: in quotes when it was, or has a {@code #} or a leading quote. Inside
     * quotes a quote is {@code \"}, and a backslash is doubled only where the reader would otherwise take
     * it as an escape (before a quote, a backslash or the closing quote), so Piranha's
     * {@code "GET / HTTP/1.0\r\n"} stays as written.
     */
    static String format(String value, boolean quoted) {
        if (!quoted && !value.contains("#") && !value.startsWith("\"")) {
            return value;
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append("\\\"");
            } else if (c == '\\' && (i + 1 == value.length() || value.charAt(i + 1) == '"' || value.charAt(i + 1) == '\\')) {
                out.append("\\\\");
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
