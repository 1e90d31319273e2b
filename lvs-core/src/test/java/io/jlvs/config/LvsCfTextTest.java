package io.jlvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Key-by-key edits of lvs.cf text: the changed line only, everything else as written. */
class LvsCfTextTest {
    static final String TEXT = """
            # cluster of the shop
            serial_no = 7
            network = direct   # DR

            virtual web {
                 address = 10.23.8.80 eth0:1
                 port = 80
                 send = "GET / HTTP/1.0\\r\\n\\r\\n"
                 # the two web servers
                 server rs1 {
                     address = 10.11.12.11
                     weight = 1  # small box
                 }
                 server rs2
                 {
                 }
            }
            """;

    static String set(List<String> path, String key, String value) throws ConfigException {
        return LvsCfText.set("lvs.cf", TEXT, path, key, value);
    }

    @Test
    void aChangedKeyKeepsItsIndentationAndCommentAndNothingElseMoves() throws ConfigException {
        String out = set(List.of("web", "rs1"), "weight", "7");
        assertEquals(TEXT.replace("weight = 1  # small box", "weight = 7  # small box"), out);
        assertEquals("7", LvsCfText.outline("lvs.cf", out).blocks().get(0).blocks().get(0).values().get("weight"));
    }

    @Test
    void aNewKeyGoesAfterTheBlocksLastKeyWithItsIndentation() throws ConfigException {
        assertEquals(TEXT.replace("weight = 1  # small box\n", "weight = 1  # small box\n         active = 0\n"),
                set(List.of("web", "rs1"), "active", "0"));
        assertEquals(TEXT.replace("network = direct   # DR\n", "network = direct   # DR\nkeepalive = 2\n"),
                set(List.of(), "keepalive", "2"));
        assertEquals(TEXT.replace("     {\n     }", "     {\n          address = 10.11.12.12\n     }"),
                set(List.of("web", "rs2"), "address", "10.11.12.12"));
    }

    @Test
    void anEmptyValueRemovesTheKeysLine() throws ConfigException {
        assertEquals(TEXT.replace("     port = 80\n", ""), set(List.of("web"), "port", " "));
        assertEquals(TEXT, set(List.of("web"), "persistent", ""), "an absent key stays absent");
    }

    @Test
    void quotedValuesStayQuotedAndReadBackAsWritten() throws ConfigException {
        String value = "HEAD /a#b \"x\" HTTP/1.0\\r\\n\\";
        String out = set(List.of("web"), "send", value);
        assertTrue(out.contains("send = \"HEAD /a#b \\\"x\\\" HTTP/1.0\\r\\n\\\\\"\n"), out);
        assertEquals(value, LvsCfText.outline("lvs.cf", out).blocks().get(0).values().get("send"));
        String hash = set(List.of("web"), "expect", "a # b");
        assertEquals("a # b", LvsCfText.outline("lvs.cf", hash).blocks().get(0).values().get("expect"));
    }

    @Test
    void theOutlineIsTheFilesBlocksAndKeys() throws ConfigException {
        LvsCfText.Block root = LvsCfText.outline("lvs.cf", TEXT);
        assertEquals("direct", root.values().get("network"));
        assertEquals("web", root.blocks().get(0).name());
        assertEquals(List.of("rs1", "rs2"), root.blocks().get(0).blocks().stream().map(LvsCfText.Block::name).toList());
        assertEquals("1", root.blocks().get(0).blocks().get(0).values().get("weight"));
    }

    @Test
    void badEditsAreRefusedNamingWhatWasWrong() {
        assertEquals("no virtual shop", assertThrows(IllegalArgumentException.class, () -> set(List.of("shop"), "port", "1")).getMessage());
        assertEquals("no server rs9 in virtual web",
                assertThrows(IllegalArgumentException.class, () -> set(List.of("web", "rs9"), "weight", "1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> set(List.of("web"), "port = 1\nx", "1"));
        assertThrows(IllegalArgumentException.class, () -> set(List.of("web"), "port", "80\nvirtual evil {"));
        ConfigException e = assertThrows(ConfigException.class, () -> LvsCfText.set("lvs.cf", "virtual web {\n", List.of(), "a", "b"));
        assertTrue(e.getMessage().contains("lvs.cf:1"), e.getMessage());
    }
}
