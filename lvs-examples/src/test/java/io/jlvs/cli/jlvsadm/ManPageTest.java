package io.jlvs.cli.jlvsadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/jlvsadm.8.md, which scripts/package turns into jlvsadm(8), documents exactly the options the
 * parser takes: each spelling in {@link CliOption}, short and long, heads an entry of the page, every
 * option the page names (entry heads and bold text) is one the parser takes, and every example command
 * line in the page parses.
 */
class ManPageTest {
    /** An option as the page writes it: "-A", "--add-service" (not "-fallback" or "sh-port"). */
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*|-[A-Za-z0-9])(?![\\w-])");
    /** Bold text that starts with an option: "**-Ln**", "**--tun-type gue**". */
    private static final Pattern BOLD_OPTION = Pattern.compile("\\*\\*(-[^*]+)\\*\\*");

    private final IpvsadmParser parser = new IpvsadmParser(ServicesDatabase.of(List.of()));

    static Path repoFile(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        return fail("no " + name + " above " + Path.of("").toAbsolutePath());
    }

    private static List<String> page() throws IOException {
        return Files.readAllLines(repoFile("docs/jlvsadm.8.md"));
    }

    /** Every spelling the parser takes, from its own table. */
    static Set<String> accepted() {
        Set<String> spellings = new TreeSet<>();
        for (CliOption o : CliOption.values()) {
            spellings.add("--" + o.longName());
            if (o.shortName() != 0) {
                spellings.add("-" + o.shortName());
            }
        }
        return spellings;
    }

    /** The options in the heads of the page's entries (a line followed by a ":   " definition). */
    private static Set<String> documented(List<String> page) {
        Set<String> options = new TreeSet<>();
        for (int i = 0; i + 1 < page.size(); i++) {
            if (page.get(i + 1).startsWith(":   ")) {
                Matcher m = OPTION.matcher(page.get(i));
                while (m.find()) {
                    options.add(m.group(1));
                }
            }
        }
        return options;
    }

    @Test
    void everyOptionTheParserTakesHasAnEntry() throws IOException {
        Set<String> missing = new TreeSet<>(accepted());
        missing.removeAll(documented(page()));
        assertEquals(Set.of(), missing, "options jlvsadm takes that docs/jlvsadm.8.md does not document");
    }

    @Test
    void everyEntryIsAnOptionTheParserTakes() throws IOException {
        Set<String> unknown = new TreeSet<>(documented(page()));
        unknown.removeAll(accepted());
        assertEquals(Set.of(), unknown, "options docs/jlvsadm.8.md documents that jlvsadm does not take");
    }

    @Test
    void everyOptionInBoldIsSpelledAsTheParserTakesIt() throws IOException {
        List<String> refused = new ArrayList<>();
        int seen = 0;
        for (String line : page()) {
            Matcher m = BOLD_OPTION.matcher(line);
            while (m.find()) {
                seen++;
                List<String> words = new ArrayList<>(Arrays.asList(m.group(1).split(" ")));
                words.add("ARG"); // the argument, if the option takes one, follows in italics
                try {
                    ArgumentScanner.scan(words);
                } catch (UsageException e) {
                    refused.add(m.group(1) + ": " + e.getMessage());
                }
            }
        }
        assertTrue(seen > 50, "the page sets its options in bold (**-A**); found " + seen);
        assertEquals(List.of(), refused);
    }

    @Test
    void everyExampleParses() throws IOException {
        List<String> refused = new ArrayList<>();
        int examples = 0;
        boolean inCode = false;
        for (String line : page()) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (inCode && (line.startsWith("jlvsadm ") || line.startsWith("-"))) {
                examples++;
                // a command up to its shell redirection or pipe; a line of -S output as -R reads it
                String command = line.split("[<>|;&]")[0].strip();
                boolean restoreLine = line.startsWith("-");
                List<String> words = Arrays.asList(command.split(" +"));
                try {
                    parser.parse(restoreLine ? words : words.subList(1, words.size()), !restoreLine);
                } catch (UsageException e) {
                    refused.add(line + ": " + e.getMessage());
                }
            }
        }
        assertTrue(examples > 10, "the page's examples are in ``` blocks; found " + examples);
        assertEquals(List.of(), refused);
    }
}
