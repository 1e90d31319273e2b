package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/jlvs-console.8.md, which scripts/package turns into jlvs-console(8), documents exactly what the
 * program takes: its subcommands and every option of each (from the picocli model), and every settings
 * key the config file reader knows; nothing more.
 */
class ManPageTest {
    /** An entry head: a bold word on its own line, followed by a ":   " definition. */
    private static final Pattern HEAD = Pattern.compile("^(\\*\\*([^*]+)\\*\\*.*)\\R:   ", Pattern.MULTILINE);
    private static final Pattern OPTION = Pattern.compile("\\*\\*(--?[A-Za-z][A-Za-z-]*)\\*\\*");

    private static String page() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/jlvs-console.8.md"))) {
                return Files.readString(dir.resolve("docs/jlvs-console.8.md"));
            }
        }
        return fail("no docs/jlvs-console.8.md above " + Path.of("").toAbsolutePath());
    }

    private static String section(String page, String name) {
        int start = page.indexOf("\n# " + name + "\n");
        if (start < 0) {
            return fail("the page has no " + name + " section");
        }
        int end = page.indexOf("\n# ", start + 1);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    /** The first bold word of each entry head. */
    private static Set<String> heads(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = HEAD.matcher(text);
        while (m.find()) {
            out.add(m.group(2));
        }
        return out;
    }

    /** Every option in bold in the entry heads ("**-h**, **--help**" is two). */
    private static Set<String> headOptions(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = HEAD.matcher(text);
        while (m.find()) {
            Matcher o = OPTION.matcher(m.group(1));
            while (o.find()) {
                out.add(o.group(1));
            }
        }
        return out;
    }

    /** Every option spelling of the program and its subcommands. */
    private static Set<String> options() {
        Set<String> out = new TreeSet<>();
        CommandSpec root = new CommandLine(JlvsConsole.class).getCommandSpec();
        root.options().forEach(o -> out.addAll(Set.of(o.names())));
        root.subcommands().values().forEach(sub -> sub.getCommandSpec().options().stream().map(OptionSpec::names)
                .forEach(n -> out.addAll(Set.of(n))));
        return out;
    }

    @Test
    void theCommandsSectionHasEverySubcommandAndNoOther() throws Exception {
        Set<String> subcommands = new TreeSet<>(new CommandLine(JlvsConsole.class).getSubcommands().keySet());
        assertEquals(subcommands, heads(section(page(), "COMMANDS")));
    }

    @Test
    void theOptionsSectionHasEveryOptionAndNoOther() throws Exception {
        assertEquals(options(), headOptions(section(page(), "OPTIONS")));
    }

    @Test
    void theSettingsSectionHasEveryKeyTheConfigReaderKnowsAndNoOther() throws Exception {
        assertEquals(new TreeSet<>(ConsoleConfig.KEYS), heads(section(page(), "SETTINGS")));
    }

    @Test
    void theSynopsisNamesEveryOption() throws Exception {
        String synopsis = section(page(), "SYNOPSIS");
        Set<String> missing = new TreeSet<>();
        for (String o : options()) {
            if (!synopsis.contains("**" + o + "**")) {
                missing.add(o);
            }
        }
        // -h and -V are there; --help and --version are their long spellings, in OPTIONS
        missing.removeAll(Set.of("--help", "--version"));
        assertEquals(Set.of(), missing);
    }
}
