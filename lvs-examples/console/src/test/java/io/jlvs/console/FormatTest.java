package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void ratesWithAnSiPrefix() {
        assertEquals("0", Format.si(0));
        assertEquals("999", Format.si(999));
        assertEquals("1.0k", Format.si(1000));
        assertEquals("45k", Format.si(45_000));
        assertEquals("1.2M", Format.si(1_200_000));
        assertEquals("1.0M", Format.si(999_999));
        assertEquals("9.2E", Format.si(Long.MAX_VALUE));
    }

    @Test
    void agesInWords() {
        assertEquals("never", Format.ago(-1));
        assertEquals("0.4 s ago", Format.ago(400));
        assertEquals("12 s ago", Format.ago(12_000));
        assertEquals("5 min ago", Format.ago(300_000));
        assertEquals("3 h ago", Format.ago(3 * 3600_000L));
    }
}
