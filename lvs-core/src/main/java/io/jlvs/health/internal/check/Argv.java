package io.jlvs.health.internal.check;

import io.jlvs.netlink.InetText;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a configured command line into arguments the way a shell splits words, and nothing more:
 * blanks separate, 'single quotes' keep everything, "double quotes" keep everything but \" and \\,
 * a backslash outside quotes keeps the next character. No variables, globs, pipes or redirections:
 * the program is executed directly.
 */
public final class Argv {
    private Argv() {}

    /** {@code text} with %h (the target's address), %p (its port) and %% (a %) replaced; other % kept. */
    public static String substitute(String text, InetSocketAddress target) {
        String host = InetText.format(target.getAddress());
        String port = Integer.toString(target.getPort());
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 1 < text.length()) {
                String replacement = switch (text.charAt(i + 1)) {
                    case 'h' -> host;
                    case 'p' -> port;
                    case '%' -> "%";
                    default -> null;
                };
                if (replacement != null) {
                    sb.append(replacement);
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    public static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' at index " + i);
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                int j = i + 1;
                while (true) {
                    if (j >= line.length()) {
                        throw new IllegalArgumentException("unterminated \" at index " + i);
                    }
                    char d = line.charAt(j);
                    if (d == '"') {
                        break;
                    }
                    if (d == '\\' && j + 1 < line.length() && (line.charAt(j + 1) == '"' || line.charAt(j + 1) == '\\')) {
                        word.append(line.charAt(j + 1));
                        j += 2;
                    } else {
                        word.append(d);
                        j++;
                    }
                }
                inWord = true;
                i = j + 1;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("a lone backslash ends the command");
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    args.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            args.add(word.toString());
        }
        return args;
    }
}
