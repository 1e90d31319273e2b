package io.jlvs.config.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * keepalived.conf's syntax (keepalived.conf(5)): statements of words and quoted strings, each on one
 * line, optionally opening a '{' ... '}' block; comments from '#' or '!' to the end of the line.
 * Syntax errors go to {@link Problems} with their line; what the statements mean is
 * {@link KeepalivedReader}'s.
 */
final class KeepalivedSyntax {
    private final Problems problems;

    KeepalivedSyntax(Problems problems) {
        this.problems = problems;
    }

    /** A statement: its words, its line, and its block's statements when it opens one. */
    record Node(String name, List<String> args, int line, List<Node> children) {
        boolean isBlock() {
            return children != null;
        }
    }

    private record Token(String text, int line, boolean quoted) {}

    /**
     * How deep blocks may nest. keepalived's own deepest is four (virtual_server, real_server,
     * HTTP_GET, url); past this a file is not a keepalived.conf, and without a bound a file of
     * nothing but '{' would end the recursive parse in a StackOverflowError.
     */
    static final int MAX_DEPTH = 32;

    List<Node> parse(String text) {
        List<Token> tokens = tokens(text);
        int[] pos = {0};
        return statements(tokens, pos, 0).nodes();
    }

    /** A block's statements, and whether its '}' came before the end of the file. */
    private record Block(List<Node> nodes, boolean closed) {}

    /** Reads statements from {@code pos} to the end of the file or (depth > 0) to the '}' that ends the block. */
    private Block statements(List<Token> tokens, int[] pos, int depth) {
        List<Node> nodes = new ArrayList<>();
        while (pos[0] < tokens.size()) {
            Token t = tokens.get(pos[0]);
            if (!t.quoted() && t.text().equals("}")) {
                if (depth == 0) {
                    problems.error(t.line(), "", "'}' without an open block");
                    pos[0]++;
                    continue;
                }
                pos[0]++;
                return new Block(nodes, true);
            }
            if (!t.quoted() && t.text().equals("{")) {
                problems.error(t.line(), "", "'{' without a keyword before it");
                pos[0]++;
                block(tokens, pos, depth + 1, t);
                continue;
            }
            // one statement: the words on t's line, then an optional block
            List<String> args = new ArrayList<>();
            pos[0]++;
            while (pos[0] < tokens.size() && tokens.get(pos[0]).line() == t.line()
                    && !isBrace(tokens.get(pos[0]))) {
                args.add(tokens.get(pos[0]++).text());
            }
            List<Node> children = null;
            if (pos[0] < tokens.size() && !tokens.get(pos[0]).quoted() && tokens.get(pos[0]).text().equals("{")) {
                pos[0]++;
                Block b = block(tokens, pos, depth + 1, t);
                if (!b.closed()) {
                    problems.error(t.line(), t.text(), "block is not closed with '}' before the end of the file");
                }
                children = b.nodes();
            }
            nodes.add(new Node(t.text(), args, t.line(), children));
        }
        return new Block(nodes, depth == 0);
    }

    /**
     * The block just opened (after its '{') at {@code depth}: parsed, or past {@link #MAX_DEPTH}
     * reported once and skipped to its '}' by counting braces, without recursing further.
     */
    private Block block(List<Token> tokens, int[] pos, int depth, Token opener) {
        if (depth <= MAX_DEPTH) {
            return statements(tokens, pos, depth);
        }
        problems.error(opener.line(), opener.text(), "blocks nested more than " + MAX_DEPTH + " deep; skipped");
        int open = 1;
        while (pos[0] < tokens.size()) {
            Token t = tokens.get(pos[0]++);
            if (!t.quoted() && t.text().equals("{")) {
                open++;
            } else if (!t.quoted() && t.text().equals("}") && --open == 0) {
                return new Block(List.of(), true);
            }
        }
        return new Block(List.of(), false);
    }

    private static boolean isBrace(Token t) {
        return !t.quoted() && (t.text().equals("{") || t.text().equals("}"));
    }

    private List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int j = 0;
            while (j < line.length()) {
                char c = line.charAt(j);
                if (Character.isWhitespace(c)) {
                    j++;
                } else if (c == '#' || c == '!') {
                    break;
                } else if (c == '{' || c == '}') {
                    tokens.add(new Token(String.valueOf(c), i + 1, false));
                    j++;
                } else if (c == '"') {
                    int end = line.indexOf('"', j + 1);
                    if (end < 0) {
                        problems.error(i + 1, "", "a quoted string has no closing '\"'");
                        break;
                    }
                    tokens.add(new Token(line.substring(j + 1, end), i + 1, true));
                    j = end + 1;
                } else {
                    int start = j;
                    while (j < line.length() && !Character.isWhitespace(line.charAt(j)) && line.charAt(j) != '{'
                            && line.charAt(j) != '}') {
                        j++;
                    }
                    tokens.add(new Token(line.substring(start, j), i + 1, false));
                }
            }
        }
        return tokens;
    }
}
