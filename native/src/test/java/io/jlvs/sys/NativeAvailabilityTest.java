package io.jlvs.sys;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** On this Linux host with glibc the JNR backend must be reported usable, with no cause to show. */
class NativeAvailabilityTest {

    @Test
    void theJnrBackendIsAvailableOnLinuxWithGlibc() {
        assertTrue(NativeAvailability.isAvailable(), () -> "unavailable: " + NativeAvailability.unavailabilityCause());
    }

    @Test
    void anAvailableBackendHasNoUnavailabilityCause() {
        assertNull(NativeAvailability.unavailabilityCause());
    }

    @Test
    void ensureAvailableReturnsQuietlyWhenAvailable() {
        assertDoesNotThrow(NativeAvailability::ensureAvailable);
    }
}
