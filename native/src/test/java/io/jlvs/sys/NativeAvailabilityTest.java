package io.jlvs.sys;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * On this Linux host with glibc the selected backend must be reported usable, with no cause to show, and
 * {@link Syscalls#system()} must be that backend. Which one it is depends on the JDK and on
 * {@code -Djlvs.syscalls} (see {@link SyscallBackendTest} for the rule), so these tests hold for either.
 */
class NativeAvailabilityTest {

    @Test
    void theSelectedBackendIsAvailableOnLinuxWithGlibc() {
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

    @Test
    void theReportedBackendIsTheSelectedOne() {
        assertEquals(SyscallBackend.selected(), NativeAvailability.backend());
    }

    @Test
    void systemIsTheSelectedBackendsImplementation() {
        assertSame(NativeAvailability.backend().syscalls(), Syscalls.system());
    }

    @Test
    void systemIsCreatedOnce() {
        assertSame(Syscalls.system(), Syscalls.system());
    }
}
