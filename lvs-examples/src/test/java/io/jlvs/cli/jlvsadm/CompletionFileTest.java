package io.jlvs.cli.jlvsadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * packaging/jlvsadm.bash-completion (hand-written: jlvsadm has no picocli model) offers exactly the
 * options the parser takes, from the parser's own table, as ManPageTest holds the man page to it.
 */
class CompletionFileTest {
    /** The last word list of the script: what it offers when no option argument is being completed. */
    private static final Pattern WORDS = Pattern.compile("compgen -W '([^']*)' -- \"\\$cur\"\\)\\s*}\\s*complete -F");

    @Test
    void theCompletionOffersEveryOptionTheParserTakesAndNoOther() throws IOException {
        String script = Files.readString(ManPageTest.repoFile("packaging/jlvsadm.bash-completion"));
        Matcher m = WORDS.matcher(script);
        assertTrue(m.find(), "no final compgen -W word list in packaging/jlvsadm.bash-completion");
        Set<String> offered = new TreeSet<>(Arrays.asList(m.group(1).trim().split("\\s+")));
        Set<String> missing = new TreeSet<>(ManPageTest.accepted());
        missing.removeAll(offered);
        Set<String> unknown = new TreeSet<>(offered);
        unknown.removeAll(ManPageTest.accepted());
        assertEquals("missing [] unknown []", "missing " + missing + " unknown " + unknown);
    }
}
