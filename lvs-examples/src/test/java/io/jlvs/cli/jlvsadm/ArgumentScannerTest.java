package io.jlvs.cli.jlvsadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The popt-like split of a command line into options and words. */
class ArgumentScannerTest {

    private static List<String> spelled(ArgumentScanner.Scan scan) {
        return scan.options().stream()
                .map(o -> o.option().name() + (o.argument() == null ? "" : "=" + o.argument())).toList();
    }

    @Test
    void bundledShortOptions() throws UsageException {
        assertEquals(List.of("LIST", "NUMERIC"), spelled(ArgumentScanner.scan(List.of("-Ln"))));
    }

    @Test
    void bundleEndingInAnOptionWithArgumentTakesTheNextWord() throws UsageException {
        assertEquals(List.of("ADD_SERVICE", "TCP_SERVICE=10.0.0.1:80"),
                spelled(ArgumentScanner.scan(List.of("-At", "10.0.0.1:80"))));
    }

    @Test
    void argumentAttachedToShortOption() throws UsageException {
        assertEquals(List.of("ADD_SERVICE", "TCP_SERVICE=10.0.0.1:80", "SCHEDULER=rr"),
                spelled(ArgumentScanner.scan(List.of("-A", "-t10.0.0.1:80", "-srr"))));
    }

    @Test
    void longOptionsWithEqualsOrNextWord() throws UsageException {
        assertEquals(List.of("ADD_SERVER", "WEIGHT=5", "REAL_SERVER=10.0.0.2"),
                spelled(ArgumentScanner.scan(List.of("--add-server", "--weight=5", "--real-server", "10.0.0.2"))));
    }

    @Test
    void optionalArgumentOnlyFromAWordNotStartingWithDash() throws UsageException {
        assertEquals(List.of("PERSISTENT=600"), spelled(ArgumentScanner.scan(List.of("-p", "600"))));
        assertEquals(List.of("PERSISTENT", "NETMASK=255.255.255.0"),
                spelled(ArgumentScanner.scan(List.of("-p", "-M", "255.255.255.0"))));
        assertEquals(List.of("PERSISTENT"), spelled(ArgumentScanner.scan(List.of("-p"))));
        assertEquals(List.of("PERSISTENT=60"), spelled(ArgumentScanner.scan(List.of("-p60"))));
        assertEquals(List.of("PERSISTENT=60"), spelled(ArgumentScanner.scan(List.of("--persistent=60"))));
    }

    @Test
    void wordsAreCollectedWhereverTheyAreAndAfterDoubleDash() throws UsageException {
        ArgumentScanner.Scan scan = ArgumentScanner.scan(List.of("--set", "900", "120", "--", "-300"));
        assertEquals(List.of("SET"), spelled(scan));
        assertEquals(List.of("900", "120", "-300"), scan.words());
    }

    @Test
    void unknownLongOptionIsNamed() {
        UsageException e = assertThrows(UsageException.class, () -> ArgumentScanner.scan(List.of("-L", "--bogus")));
        assertEquals("unknown option '--bogus'", e.getMessage());
    }

    @Test
    void unknownShortOptionIsNamedWithItsBundle() {
        UsageException e = assertThrows(UsageException.class, () -> ArgumentScanner.scan(List.of("-Lq")));
        assertEquals("unknown option '-q' in '-Lq'", e.getMessage());
    }

    @Test
    void missingArgumentIsNamed() {
        UsageException e = assertThrows(UsageException.class, () -> ArgumentScanner.scan(List.of("-A", "-t")));
        assertEquals("option '-t' needs an argument", e.getMessage());
        e = assertThrows(UsageException.class, () -> ArgumentScanner.scan(List.of("-a", "--weight")));
        assertEquals("option '--weight' needs an argument", e.getMessage());
    }

    @Test
    void argumentToAnOptionWithoutOneIsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> ArgumentScanner.scan(List.of("--list=yes")));
        assertEquals("option '--list' takes no argument, not 'yes'", e.getMessage());
    }
}
