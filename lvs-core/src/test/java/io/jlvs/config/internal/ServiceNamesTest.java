package io.jlvs.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlvs.ipvs.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Port names from a services(5) file: names and aliases, per protocol, numbers untouched. */
class ServiceNamesTest {
    @TempDir
    Path dir;

    private Path services() throws Exception {
        return Files.writeString(dir.resolve("services"), """
                # comment line
                http		80/tcp		www		# WorldWideWeb HTTP
                domain		53/tcp
                domain		53/udp
                syslog		514/udp
                broken		x/tcp
                """);
    }

    @Test
    void namesAndAliasesResolveForTheirProtocolOnly() throws Exception {
        Path f = services();
        assertEquals(80, ServiceNames.port("http", Protocol.TCP, false, f));
        assertEquals(80, ServiceNames.port("www", Protocol.TCP, false, f));
        assertEquals(53, ServiceNames.port("domain", Protocol.UDP, false, f));
        assertEquals(8080, ServiceNames.port("8080", Protocol.TCP, false, f));
        assertEquals(0, ServiceNames.port("0", Protocol.TCP, true, f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServiceNames.port("syslog", Protocol.TCP, false, f));
        assertEquals("'syslog' is not a port number, nor a tcp service in " + f, e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServiceNames.port("broken", Protocol.TCP, false, f));
        assertThrows(IllegalArgumentException.class, () -> ServiceNames.port("0", Protocol.TCP, false, f));
    }

    @Test
    void aMissingFileSaysToWriteTheNumber() {
        Path none = dir.resolve("absent");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServiceNames.port("http", Protocol.TCP, false, none));
        assertEquals("'http' is not a port number, and " + none + " (which names services) does not exist; write the "
                + "number", e.getMessage());
    }
}
