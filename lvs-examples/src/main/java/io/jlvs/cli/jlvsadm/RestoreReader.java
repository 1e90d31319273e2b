package io.jlvs.cli.jlvsadm;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads -R input: ipvsadm-save's format, one ipvsadm command per line (words separated by blanks, a
 * leading "ipvsadm" ignored, '#' to the end of the line a comment, blank lines skipped). Every line is
 * checked before anything is applied; the first bad one is reported with its line number.
 */
final class RestoreReader {
    private RestoreReader() {}

    /** A command and the line it came from (1-based). */
    record Line(int number, ParsedCommand command) {}

    static List<Line> read(BufferedReader in, IpvsadmParser parser) throws IOException, UsageException {
        List<Line> lines = new ArrayList<>();
        int number = 0;
        for (String text = in.readLine(); text != null; text = in.readLine()) {
            number++;
            List<String> words = words(text);
            if (words.isEmpty()) {
                continue;
            }
            ParsedCommand command;
            try {
                command = parser.parse(words, false);
            } catch (UsageException e) {
                throw e.atLine(number);
            }
            if (!command.command().isTableChange()) {
                throw new UsageException("'" + String.join(" ", words) + "' is not a change to the table"
                        + " (-R takes -A, -E, -D, -C, -a, -e and -d)").atLine(number);
            }
            lines.add(new Line(number, command));
        }
        return lines;
    }

    /**
     * The words of a line (separated by blanks, tabs and carriage returns), without a comment and
     * without "ipvsadm" words. A plain scan: a regular-expression split compiles its pattern on every
     * call, and -R reads 60,000 lines in a cold JVM.
     */
    static List<String> words(String line) {
        int end = line.indexOf('#');
        if (end < 0) {
            end = line.length();
        }
        List<String> words = new ArrayList<>(12);
        int i = 0;
        while (i < end) {
            while (i < end && isBlank(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < end && !isBlank(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                String word = line.substring(start, i);
                if (!word.equals("ipvsadm")) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
