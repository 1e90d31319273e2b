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
    private static final Pattern HEADER = Pattern.compile("(virtual|server)\\s+(\\S+?)\\s*(\\{)?");
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private LvsCfReader() {}

    public static RawBlock read(String text, Problems problems) {
        RawBlock root = new RawBlock("", "", 0);
        Deque<RawBlock> open = new ArrayDeque<>();
        open.push(root);
        RawBlock awaitingBrace = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
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
                    open.pop();
                }
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                RawBlock block = new RawBlock(header.group(1), header.group(2), lineNo);
                RawBlock parent = open.peek();
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
            String key = line.substring(0, eq).strip();
            if (!KEY.matcher(key).matches()) {
                problems.error(lineNo, key, "is not a key (letters, digits and '_')");
                continue;
            }
            String value = line.substring(eq + 1).strip();
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

    /** The line without its comment: '#' outside quotes, at the start or after whitespace. */
    static String stripComment(String line) {
        boolean inQuotes = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && inQuotes) {
                i++;
            } else if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '#' && !inQuotes && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
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
