package io.jlvs.config.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads lvs.cf text into a {@link RawBlock} tree. The format is line-oriented: each line is empty,
 * a comment ({@code #} at the start or after a space, outside quotes), {@code key = value},
 * {@code virtual NAME {}, {@code server NAME {} (the brace may stand alone on the next line), or
 * {@code }}. A value is the rest of the line after the first {@code =}; in double quotes it may hold
 * {@code #}, {@code \"} stands for a quote and {@code \\} for a backslash (other backslashes are
 * kept as written, so Piranha's {@code "GET / HTTP/1.0\r\n"} reaches the checker unchanged).
 */
public final class LvsCfReader {
    // Only tried on lines that start with "virtual" or "server": regular expressions on each of a
    // 10,000-service file's 300,000 lines cost most of a reload.
    private static final Pattern HEADER = Pattern.compile("(virtual|server)\\s+(\\S+?)\\s*(\\{)?");
    /** Piranha's failover service blocks (fos), refused as a whole with one error. */
    private static final Pattern FAILOVER = Pattern.compile("failover\\s+(\\S+?)\\s*(\\{)?");
    public static final String FAILOVER_REFUSED = "Piranha's failover services (fos) are not supported: jlvsd balances"
            + " services over real servers with IPVS (service = lvs). Give the service a virtual block to balance it,"
            + " or move it between the two directors with a cluster manager (Pacemaker), then remove this block";

    private LvsCfReader() {}

    public static RawBlock read(String text, Problems problems) {
        return read(text, problems, ParseMemory.EMPTY);
    }

    /**
     * Reads {@code text}, skipping each virtual block {@code known} recognises as unchanged: such a
     * block becomes a stand-in without entries ({@link RawBlock#known()}), so an edit to one block of
     * a large file costs one block's reading, not the file's.
     */
    public static RawBlock read(String text, Problems problems, ParseMemory known) {
        RawBlock root = new RawBlock("", "", 0);
        Deque<RawBlock> open = new ArrayDeque<>();
        open.push(root);
        RawBlock awaitingBrace = null;
        int lineNo = 0;
        for (int start = 0; start <= text.length(); ) {
            int lineStart = start;
            if (open.size() == 1 && awaitingBrace == null) {
                // Only here does a block's reading not depend on what came before it.
                KnownVirtual same = known.match(text, start, lineNo + 1);
                if (same != null) {
                    root.children().add(RawBlock.reused(same, start));
                    start += same.length();
                    lineNo = same.lastLine();
                    continue;
                }
            }
            int newline = text.indexOf('\n', start);
            if (newline < 0) {
                newline = text.length();
            }
            int stop = newline > start && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
            int from = start;
            int to = commentStart(text, start, stop);
            start = newline + 1;
            lineNo++;
            // Bounds first, one substring after: a large file has hundreds of thousands of lines.
            while (from < to && Character.isWhitespace(text.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
                to--;
            }
            if (from == to) {
                continue;
            }
            String line = text.substring(from, to);
            if (awaitingBrace != null) {
                if (line.equals("{")) {
                    open.push(awaitingBrace);
                    awaitingBrace = null;
                    continue;
                }
                problems.error(awaitingBrace.line(), awaitingBrace.kind(),
                        "'" + awaitingBrace.kind() + " " + awaitingBrace.name() + "' is not followed by '{'");
                awaitingBrace = null;
            }
            if (line.equals("}")) {
                if (open.size() == 1) {
                    problems.error(lineNo, "", "'}' without an open block");
                } else {
                    RawBlock closed = open.pop();
                    if (open.size() == 1) {
                        closed.span(closed.start(), start, lineNo);
                    }
                }
                continue;
            }
            Matcher failover = line.startsWith("failover") ? FAILOVER.matcher(line) : null;
            if (failover != null && failover.matches()) {
                // One clear error, and the block's contents swallowed: no cascade of unknown keys and a stray '}'.
                problems.error(lineNo, "failover", FAILOVER_REFUSED);
                RawBlock ignored = new RawBlock("failover", failover.group(1), lineNo);
                if (open.peek() == root) {
                    ignored.span(lineStart, -1, 0);
                }
                if (failover.group(2) != null) {
                    open.push(ignored);
                } else {
                    awaitingBrace = ignored;
                }
                continue;
            }
            Matcher header = line.startsWith("virtual") || line.startsWith("server") ? HEADER.matcher(line) : null;
            if (header != null && header.matches()) {
                RawBlock block = new RawBlock(header.group(1), header.group(2), lineNo);
                RawBlock parent = open.peek();
                if (parent == root) {
                    block.span(lineStart, -1, 0);
                }
                String expectedParent = block.kind().equals("virtual") ? "" : "virtual";
                if (!parent.kind().equals(expectedParent)) {
                    problems.error(lineNo, block.kind(), block.kind().equals("virtual")
                            ? "a virtual block cannot be inside another block (missing '}' before line " + lineNo + "?)"
                            : "a server block must be inside a virtual block");
                }
                parent.children().add(block);
                if (header.group(3) != null) {
                    open.push(block);
                } else {
                    awaitingBrace = block;
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                problems.error(lineNo, "", "expected 'key = value', 'virtual NAME {', 'server NAME {' or '}', got '"
                        + line + "'");
                continue;
            }
            String key = trimmed(line, 0, eq);
            if (!isKey(key)) {
                problems.error(lineNo, key, "is not a key (letters, digits and '_')");
                continue;
            }
            String value = trimmed(line, eq + 1, line.length());
            boolean quoted = false;
            if (value.startsWith("\"")) {
                int end = closingQuote(value);
                if (end < 0) {
                    problems.error(lineNo, key, "the quoted value has no closing '\"'");
                    continue;
                }
                if (end != value.length() - 1) {
                    problems.error(lineNo, key, "unexpected text after the closing quote: '"
                            + value.substring(end + 1).strip() + "'");
                    continue;
                }
                value = unescape(value.substring(1, end));
                quoted = true;
            }
            open.peek().entries().add(new RawEntry(key, value, quoted, lineNo));
        }
        if (awaitingBrace != null) {
            problems.error(awaitingBrace.line(), awaitingBrace.kind(),
                    "'" + awaitingBrace.kind() + " " + awaitingBrace.name() + "' is not followed by '{'");
        }
        while (open.size() > 1) {
            RawBlock unclosed = open.pop();
            problems.error(unclosed.line(), unclosed.kind(),
                    "block '" + unclosed.name() + "' is not closed with '}' before the end of the file");
        }
        return root;
    }

    /** Letters, digits and '_', not starting with a digit. */
    private static boolean isKey(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** The line without its comment: '#' outside quotes, at the start or after whitespace. */
    static String stripComment(String line) {
        return line.substring(0, commentStart(line, 0, line.length()));
    }

    /** Where the comment of {@code text[from, to)} starts ({@code to} when it has none). */
    private static int commentStart(String text, int from, int to) {
        int hash = text.indexOf('#', from, to);
        if (hash < 0) {
            return to;
        }
        boolean inQuotes = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\\' && inQuotes) {
                i++;
            } else if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '#' && !inQuotes && (i == from || Character.isWhitespace(text.charAt(i - 1)))) {
                return i;
            }
        }
        return to;
    }

    /** {@code s[from, to)} without leading and trailing whitespace, as one substring. */
    private static String trimmed(String s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    /** Inside quotes, {@code \"} is a quote and {@code \\} a backslash; other backslashes stay as written. */
    static String unescape(String quoted) {
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length() && (quoted.charAt(i + 1) == '"' || quoted.charAt(i + 1) == '\\')) {
                out.append(quoted.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int closingQuote(String value) {
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }
}
