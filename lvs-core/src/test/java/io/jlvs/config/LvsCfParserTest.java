package io.jlvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A parser that parsed a file before reads again only the virtual blocks that changed, and says the same. */
class LvsCfParserTest {

    static String virtual(String name, int port, String body) {
        return "virtual " + name + " {\n    address = 10.0.0.1\n    port = " + port + "\n" + body + "}\n";
    }

    static String server(String name, String address, int weight) {
        return "    server " + name + " {\n        address = " + address + "\n        weight = " + weight + "\n    }\n";
    }

    static final String GLOBALS = "serial_no = 1\nnetwork = direct\n";
    static final String WEB = virtual("web", 80, server("a", "10.0.1.1", 1) + server("b", "10.0.1.2", 1));
    static final String MAIL = virtual("mail", 25, "    colour = blue\n" + server("a", "10.0.2.1", 1));
    static final String DNS = virtual("dns", 53, "    protocol = udp\n" + server("a", "10.0.3.1", 1));

    static List<VirtualServerConfig> virtuals(ParsedConfiguration p) {
        return p.configuration().virtualServers();
    }

    /** The parser's answer is what a fresh parse says, warnings included. */
    static ParsedConfiguration parseAndCompare(LvsCfParser parser, String text) throws ConfigException {
        ParsedConfiguration fresh = LvsCf.parse("lvs.cf", text);
        ParsedConfiguration again = parser.parse("lvs.cf", text);
        assertEquals(fresh, again);
        return again;
    }

    /** The parser fails as a fresh parse fails: the same errors and warnings. */
    static void failsAsFresh(LvsCfParser parser, String text) {
        ConfigException fresh = assertThrows(ConfigException.class, () -> LvsCf.parse("lvs.cf", text));
        ConfigException again = assertThrows(ConfigException.class, () -> parser.parse("lvs.cf", text));
        assertEquals(fresh.errors(), again.errors());
        assertEquals(fresh.warnings(), again.warnings());
    }

    @Test
    void unchangedBlocksAreTheSameInstancesAndAnEditedOneIsNot() throws Exception {
        LvsCfParser parser = new LvsCfParser();
        List<VirtualServerConfig> first = virtuals(parseAndCompare(parser, GLOBALS + WEB + MAIL + DNS));
        // Same length, same lines: only the text tells the edit apart.
        String edited = GLOBALS + WEB + MAIL.replace("weight = 1", "weight = 7") + DNS;
        List<VirtualServerConfig> second = virtuals(parseAndCompare(parser, edited));
        assertSame(first.get(0), second.get(0));
        assertNotSame(first.get(1), second.get(1));
        assertEquals(7, second.get(1).realServers().get(0).weight());
        assertSame(first.get(2), second.get(2));
    }

    @Test
    void aBlockMovedToAnotherLineIsReadAgainSoItsLinesAreRight() throws Exception {
        LvsCfParser parser = new LvsCfParser();
        List<VirtualServerConfig> first = virtuals(parseAndCompare(parser, GLOBALS + WEB + MAIL));
        List<VirtualServerConfig> second = virtuals(parseAndCompare(parser, GLOBALS + "# a new comment\n" + WEB + MAIL));
        assertNotSame(first.get(1), second.get(1));
        assertEquals(first.get(1).line() + 1, second.get(1).line());
    }

    @Test
    void aChangedNetworkModeChecksEveryBlockAgain() throws Exception {
        // An IPv6 real server behind an IPv4 VIP is fine tunnelled and an error otherwise.
        String mixed = virtual("web", 80, server("a", "2001:db8::1", 1));
        LvsCfParser parser = new LvsCfParser();
        VirtualServerConfig tunnelled = virtuals(parseAndCompare(parser, "network = tunnel\n" + mixed)).get(0);
        ConfigException e = assertThrows(ConfigException.class, () -> parser.parse("lvs.cf", "network = direct\n" + mixed));
        assertEquals(List.of("lvs.cf:6: address: server a is IPv6 but virtual web is IPv4; mixing families needs forward = tunnel"),
                e.errors().stream().map(Diagnostic::toString).toList());
        assertSame(tunnelled, virtuals(parseAndCompare(parser, "network = tunnel\n" + mixed)).get(0));
    }

    @Test
    void otherGlobalKeysDoNotStopReuse() throws Exception {
        // Piranha raises serial_no on every save; that must not cost a full parse.
        LvsCfParser parser = new LvsCfParser();
        List<VirtualServerConfig> first = virtuals(parseAndCompare(parser, GLOBALS + WEB + MAIL));
        List<VirtualServerConfig> second = virtuals(parseAndCompare(parser, GLOBALS.replace("serial_no = 1", "serial_no = 2")
                + WEB + MAIL));
        assertSame(first.get(0), second.get(0));
        assertSame(first.get(1), second.get(1));
    }

    @Test
    void aFailedParseDoesNotChangeWhatIsRemembered() throws Exception {
        LvsCfParser parser = new LvsCfParser();
        String good = GLOBALS + WEB + MAIL + DNS;
        List<VirtualServerConfig> first = virtuals(parseAndCompare(parser, good));
        String bad = GLOBALS + WEB.replace("weight = 1", "weight = -1") + MAIL + DNS.replace("port = 53", "port = 25");
        failsAsFresh(parser, bad);
        List<VirtualServerConfig> third = virtuals(parseAndCompare(parser, good));
        for (int i = 0; i < first.size(); i++) {
            assertSame(first.get(i), third.get(i), "virtual " + i);
        }
    }

    @Test
    void theWholeFileChecksSeeReusedBlocks() throws Exception {
        LvsCfParser parser = new LvsCfParser();
        parseAndCompare(parser, GLOBALS + WEB + MAIL);
        // A new block on WEB's service; WEB itself is reused, so its line comes from memory.
        String clash = GLOBALS + WEB + MAIL + virtual("web2", 80, "");
        ConfigException e = assertThrows(ConfigException.class, () -> parser.parse("lvs.cf", clash));
        assertEquals(List.of("lvs.cf:25: address: virtual web2 is the same service (TCP 10.0.0.1:80) as virtual web (line 3)"),
                e.errors().stream().map(Diagnostic::toString).toList());
        ConfigException named = assertThrows(ConfigException.class,
                () -> parser.parse("lvs.cf", GLOBALS + WEB + MAIL + virtual("web", 81, "")));
        assertEquals(List.of("lvs.cf:24: virtual: name 'web' is used twice (first on line 3)"),
                named.errors().stream().map(Diagnostic::toString).toList());
        ConfigException nat = assertThrows(ConfigException.class,
                () -> parser.parse("lvs.cf", GLOBALS.replace("direct", "nat") + WEB + MAIL));
        assertEquals(2, nat.errors().size(), nat.getMessage());
    }

    @Test
    void warningsOfReusedBlocksAreStillReported() throws Exception {
        LvsCfParser parser = new LvsCfParser();
        String text = GLOBALS + WEB + MAIL + DNS;
        ParsedConfiguration first = parseAndCompare(parser, text);
        assertEquals(List.of("lvs.cf:18: warning: colour: unknown key in a virtual block; ignored"),
                first.warnings().stream().map(Diagnostic::toString).toList());
        ParsedConfiguration second = parseAndCompare(parser, GLOBALS + WEB.replace("weight = 1", "weight = 3") + MAIL + DNS);
        assertSame(virtuals(first).get(1), virtuals(second).get(1));
        assertEquals(first.warnings(), second.warnings());
    }

    @Test
    void anotherFileNameIsParsedAfresh() throws Exception {
        LvsCfParser parser = new LvsCfParser();
        String text = GLOBALS + MAIL;
        VirtualServerConfig first = virtuals(parser.parse("lvs.cf", text)).get(0);
        ParsedConfiguration other = parser.parse("other.cf", text);
        assertNotSame(first, virtuals(other).get(0));
        assertEquals(List.of("other.cf:6: warning: colour: unknown key in a virtual block; ignored"),
                other.warnings().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void theLastBlockWithoutAFinalNewlineIsMatchedOnlyWhenItStillEndsTheFile() throws Exception {
        LvsCfParser parser = new LvsCfParser();
        String noNewline = GLOBALS + WEB + MAIL.stripTrailing();
        VirtualServerConfig mail = virtuals(parseAndCompare(parser, noNewline)).get(1);
        assertSame(mail, virtuals(parseAndCompare(parser, noNewline)).get(1));
        // "}" followed by more text on the same line is no longer the closing brace.
        failsAsFresh(parser, noNewline + " x");
        assertSame(mail, virtuals(parseAndCompare(parser, noNewline + "\n")).get(1));
        assertSame(virtuals(parseAndCompare(parser, noNewline + "\n")).get(1),
                virtuals(parseAndCompare(parser, noNewline + "\nnetwork = direct\n")).get(1));
    }

    @Test
    void aBlockRightAfterAHeaderAwaitingItsBraceIsReadAgain() throws Exception {
        LvsCfParser parser = new LvsCfParser();
        parseAndCompare(parser, GLOBALS + "\n" + WEB + MAIL);
        // WEB is on its old line with its old text, but the reader is not at the top level there:
        // "virtual x" waits for its "{", which comes after WEB.
        failsAsFresh(parser, GLOBALS + "virtual x\n" + WEB + "{\n}\n" + MAIL);
    }

    @Test
    void readParsesTheFileAndRemembersIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lvs.cf");
        Files.writeString(file, GLOBALS + WEB + MAIL);
        LvsCfParser parser = new LvsCfParser();
        List<VirtualServerConfig> first = virtuals(parser.read(file));
        Files.writeString(file, GLOBALS + WEB.replace("weight = 1", "weight = 2") + MAIL);
        List<VirtualServerConfig> second = virtuals(parser.read(file));
        assertNotSame(first.get(0), second.get(0));
        assertSame(first.get(1), second.get(1));
        assertEquals(LvsCf.read(file), parser.read(file));
        ConfigException missing = assertThrows(ConfigException.class, () -> parser.read(dir.resolve("none.cf")));
        assertEquals(0, missing.errors().get(0).line());
    }
}
