package io.jlvs.sys.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** When the FFM backend can be loaded, and what the user is told when it cannot. */
class ForeignBackendTest {

    @Test
    void jdk21IsToldThatTheBackendNeedsJdk22() {
        assertEquals("the ffm syscall backend needs JDK 22 or newer, and this is JDK 21",
                ForeignBackend.unsupportedReason(21, true));
    }

    @Test
    void aBuildWithoutTheBackendIsToldSoOnANewJdk() {
        assertEquals("this build of jlvs-native has no ffm syscall backend (it was built on a JDK older than 22)",
                ForeignBackend.unsupportedReason(25, false));
    }

    @Test
    void jdk22WithTheBackendBuiltCanLoadIt() {
        assertNull(ForeignBackend.unsupportedReason(22, true));
    }
}
