package io.jlvs.cli.jlvsadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** -R input: ipvsadm-save lines, checked whole before anything is applied, errors by line number. */
class RestoreReaderTest {
    private final IpvsadmParser parser = new IpvsadmParser(Fixtures.services());

    private List<RestoreReader.Line> read(String text) throws IOException, UsageException {
        return RestoreReader.read(new BufferedReader(new StringReader(text)), parser);
    }

    private String error(String text) {
        return assertThrows(UsageException.class, () -> read(text)).getMessage();
    }

    @Test
    void saveOutputReadsBackWithLineNumbers() throws Exception {
        List<RestoreReader.Line> lines = read("-A -t 10.0.0.1:80 -s wlc\n"
                + "\n"
                + "# a comment\n"
                + "-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 1   # trailing comment\n"
                + "ipvsadm -A -u 10.0.0.1:53 -s rr\n");
        assertEquals(List.of(1, 4, 5), lines.stream().map(RestoreReader.Line::number).toList());
        assertEquals(List.of(Command.ADD_SERVICE, Command.ADD_SERVER, Command.ADD_SERVICE),
                lines.stream().map(l -> l.command().command()).toList());
    }

    @Test
    void badLineIsReportedWithItsNumberAndToken() {
        assertEquals("line 3: illegal weight specified: 'heavy' (0..2147483647)", error("-A -t 10.0.0.1:80\n"
                + "-a -t 10.0.0.1:80 -r 10.0.0.2\n"
                + "-a -t 10.0.0.1:80 -r 10.0.0.3 -w heavy\n"
                + "-a -t 10.0.0.1:80 -r 10.0.0.4 -w bad-too\n"));
    }

    @Test
    void unknownOptionOnALine() {
        assertEquals("line 2: unknown option '--bogus'", error("-C\n-A -t 10.0.0.1:80 --bogus\n"));
    }

    @Test
    void onlyTableChanges() {
        assertEquals("line 1: '-L -n' is not a change to the table (-R takes -A, -E, -D, -C, -a, -e and -d)", error("-L -n\n"));
        assertEquals("line 1: option '--netns' is not allowed here", error("-A -t 10.0.0.1:80 --netns blue\n"));
    }

    @Test
    void emptyInputIsNothing() throws Exception {
        assertEquals(List.of(), read(""));
        assertEquals(List.of(), read("\n  \n# only comments\n"));
    }

    @Test
    void wordsSplitOnBlanksAndSkipIpvsadm() {
        assertEquals(List.of("-A", "-t", "10.0.0.1:80"), RestoreReader.words("ipvsadm\t-A  -t 10.0.0.1:80 # x"));
        assertEquals(List.of("-a", "-t", "10.0.0.1:80", "-r", "10.1.0.1"),
                RestoreReader.words(" \t-a -t 10.0.0.1:80\t\t-r 10.1.0.1 \r"));
        assertEquals(List.of("x"), RestoreReader.words("x#y"));
        assertEquals(List.of(), RestoreReader.words("  \t # -A -t 10.0.0.1:80"));
        assertEquals(List.of("-C"), RestoreReader.words("-C#"));
    }
}
