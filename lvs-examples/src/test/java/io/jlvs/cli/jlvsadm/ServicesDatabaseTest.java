package io.jlvs.cli.jlvsadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jlvs.ipvs.Protocol;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** getservbyport and getservbyname over /etc/services lines. */
class ServicesDatabaseTest {
    private final ServicesDatabase db = Fixtures.services();

    @Test
    void nameByPortAndProtocol() {
        assertEquals("http", db.name(80, Protocol.TCP));
        assertEquals("domain", db.name(53, Protocol.UDP));
        assertNull(db.name(80, Protocol.UDP));
        assertNull(db.name(80, null));
    }

    @Test
    void portByNameOrAlias() {
        assertEquals(OptionalInt.of(80), db.port("http", Protocol.TCP));
        assertEquals(OptionalInt.of(80), db.port("www", Protocol.TCP));
        assertEquals(OptionalInt.empty(), db.port("http", Protocol.SCTP));
    }

    @Test
    void firstEntryWins() {
        ServicesDatabase twice = ServicesDatabase.of(List.of("first 1000/tcp", "second 1000/tcp"));
        assertEquals("first", twice.name(1000, Protocol.TCP));
    }

    @Test
    void missingFileIsEmpty() {
        assertNull(ServicesDatabase.read(Path.of("/nonexistent/services")).name(80, Protocol.TCP));
    }
}
