package io.jlvs.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PersistenceTest {

    @Test
    void defaultsAreIpvsadms() {
        assertEquals(new Persistence(Duration.ofSeconds(300), 32), Persistence.defaults(AddressFamily.INET));
        assertEquals(new Persistence(Duration.ofSeconds(300), 128), Persistence.defaults(AddressFamily.INET6));
    }

    @Test
    void timeoutMustBeWholePositiveSeconds() {
        var zero = assertThrows(IllegalArgumentException.class, () -> new Persistence(Duration.ZERO, 32));
        assertTrue(zero.getMessage().contains("0 s"), zero.getMessage());
        var fraction = assertThrows(IllegalArgumentException.class, () -> new Persistence(Duration.ofMillis(1500), 32));
        assertTrue(fraction.getMessage().contains("PT1.5S"), fraction.getMessage());
        var huge = assertThrows(IllegalArgumentException.class,
                () -> new Persistence(Duration.ofSeconds(0x1_0000_0000L), 32));
        assertTrue(huge.getMessage().contains("4294967296"), huge.getMessage());
    }

    @Test
    void prefixLengthBeyond128IsRejectedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Persistence(Duration.ofSeconds(1), 129));
        assertTrue(e.getMessage().contains("129"), e.getMessage());
    }

    @Test
    void describesAsIpvsadmLists() {
        assertEquals("persistent 300", Persistence.defaults(AddressFamily.INET).describe(AddressFamily.INET));
        assertEquals("persistent 60 mask 255.255.255.0",
                new Persistence(Duration.ofSeconds(60), 24).describe(AddressFamily.INET));
        assertEquals("persistent 60 mask 0.0.0.0",
                new Persistence(Duration.ofSeconds(60), 0).describe(AddressFamily.INET));
        assertEquals("persistent 60 mask 64",
                new Persistence(Duration.ofSeconds(60), 64).describe(AddressFamily.INET6));
    }

    @Test
    void withersChangeOneField() {
        Persistence p = Persistence.defaults(AddressFamily.INET);
        assertEquals(new Persistence(Duration.ofSeconds(10), 32), p.withTimeout(Duration.ofSeconds(10)));
        assertEquals(new Persistence(Duration.ofSeconds(300), 16), p.withNetmaskPrefixLength(16));
        assertEquals(300, p.timeoutSeconds());
    }
}
