package io.jlvs.cli.jlvsadm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** print_largenum: nine columns, K/M/G/T by powers of 1000 rounded down, --exact widening. */
class LargeNumberTest {

    @Test
    void belowOneHundredMillionIsExactInNineColumns() {
        assertEquals("        0", LargeNumber.format(0, false));
        assertEquals(" 99999999", LargeNumber.format(99_999_999L, false));
    }

    @Test
    void thousandsBelowOneBillion() {
        assertEquals("  100000K", LargeNumber.format(100_000_000L, false));
        assertEquals("  999999K", LargeNumber.format(999_999_999L, false));
    }

    @Test
    void millionsBelowOneHundredBillion() {
        assertEquals("    1000M", LargeNumber.format(1_000_000_000L, false));
        assertEquals("   99999M", LargeNumber.format(99_999_999_999L, false));
    }

    @Test
    void billionsBelowOneHundredTrillion() {
        assertEquals("     100G", LargeNumber.format(100_000_000_000L, false));
        assertEquals("   99999G", LargeNumber.format(99_999_999_999_999L, false));
    }

    @Test
    void trillionsAbove() {
        assertEquals("     100T", LargeNumber.format(100_000_000_000_000L, false));
        // an unsigned 64-bit counter above Long.MAX_VALUE: 18446744073709551615 / 10^12
        assertEquals("18446744T", LargeNumber.format(-1L, false));
    }

    @Test
    void exactKeepsNineColumnsUpToEightDigits() {
        assertEquals("       12", LargeNumber.format(12, true));
        assertEquals(" 12345678", LargeNumber.format(12_345_678L, true));
    }

    @Test
    void exactWidensToOneMoreThanTheDigits() {
        assertEquals(" 123456789", LargeNumber.format(123_456_789L, true));
        assertEquals(" 18446744073709551615", LargeNumber.format(-1L, true));
    }
}
