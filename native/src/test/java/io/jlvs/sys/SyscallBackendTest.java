package io.jlvs.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rule that picks a backend: FFM where it runs, JNR elsewhere, and {@code -Djlvs.syscalls} above both. */
class SyscallBackendTest {

    @Test
    void withoutThePropertyFfmIsChosenWhereItIsSupported() {
        assertEquals(SyscallBackend.FFM, SyscallBackend.choose(null, true));
    }

    @Test
    void withoutThePropertyJnrIsChosenWhereFfmIsNotSupported() {
        assertEquals(SyscallBackend.JNR, SyscallBackend.choose(null, false));
    }

    @Test
    void autoAndAnEmptyValueChooseAsIfThePropertyWereUnset() {
        assertEquals(SyscallBackend.FFM, SyscallBackend.choose("auto", true));
        assertEquals(SyscallBackend.JNR, SyscallBackend.choose("", false));
    }

    @Test
    void jnrCanBeForcedWhereFfmIsSupported() {
        assertEquals(SyscallBackend.JNR, SyscallBackend.choose("jnr", true));
    }

    @Test
    void ffmForcedWhereItIsNotSupportedStaysFfmSoThatTheUserHearsWhyItFails() {
        assertEquals(SyscallBackend.FFM, SyscallBackend.choose("ffm", false));
    }

    @Test
    void theValueIsReadIgnoringCaseAndSurroundingSpace() {
        assertEquals(SyscallBackend.JNR, SyscallBackend.choose(" JNR ", true));
    }

    @Test
    void aValueNamingNoBackendIsRefusedWithTheValuesThatWork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyscallBackend.choose("panama", true));
        assertEquals("-Djlvs.syscalls=panama names no syscall backend; use jnr, ffm or auto", e.getMessage());
    }

    @Test
    void jnrIsSupportedOnEveryJdk() {
        assertTrue(SyscallBackend.JNR.isSupported());
    }

    @Test
    void ffmIsSupportedExactlyFromJdk22() {
        assertEquals(Runtime.version().feature() >= 22, SyscallBackend.FFM.isSupported());
    }
}
